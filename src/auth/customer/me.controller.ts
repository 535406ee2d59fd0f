import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  UseGuards,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiParam,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { AccountsService } from './accounts.service';
import { AuthenticatedCustomer, CurrentCustomer } from './current-customer.decorator';
import { CustomerAuthGuard } from './customer-auth.guard';
import {
  ChangeEmailRequest,
  ChangePasswordRequest,
  ReportAccountRequest,
} from './dto/auth-requests.dto';
import {
  AcceptedResponse,
  AccountResponse,
  CompanyAccountResponse,
} from './dto/auth-responses.dto';
import { CompanyAccountsService } from './company-accounts.service';
import { EmailChangeService } from './email-change.service';
import { PasswordCareService } from './password-care.service';

export const ACCOUNT_REPORTED =
  'Thank you. Customer service will look at this account and contact you if needed.';

@ApiTags('account')
@ApiBearerAuth()
@Controller('api/v1/me')
@UseGuards(CustomerAuthGuard)
@ApiUnauthorizedResponse({ description: 'No, expired or revoked access token.' })
export class MeController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly passwordCare: PasswordCareService,
    private readonly emailChange: EmailChangeService,
    private readonly companyAccounts: CompanyAccountsService,
  ) {}

  @Get('company-accounts')
  @ApiOperation({
    summary: "The company's accounts",
    description:
      'Every active account of the signed-in customer (company), oldest first: each sees the ' +
      "company's bills, titles and addresses. One you do not know can be reported to support.",
  })
  @ApiOkResponse({ type: CompanyAccountResponse, isArray: true })
  companyAccountList(
    @CurrentCustomer() customer: AuthenticatedCustomer,
  ): Promise<CompanyAccountResponse[]> {
    return this.companyAccounts.listForCustomer(customer.customerId, customer.accountId);
  }

  @Post('company-accounts/:id/report')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Report an account of the company to support',
    description:
      'Support looks at it and can disable the account. Reporting the same account again ' +
      'changes nothing.',
  })
  @ApiParam({ name: 'id', format: 'uuid', description: 'The reported account.' })
  @ApiAcceptedResponse({ type: AcceptedResponse })
  @ApiNotFoundResponse({ description: "Not one of the company's accounts (ACCOUNT_NOT_FOUND)." })
  @ApiUnprocessableEntityResponse({ description: 'Your own account (CANNOT_REPORT_SELF).' })
  async reportCompanyAccount(
    @CurrentCustomer() customer: AuthenticatedCustomer,
    @Param('id') id: string,
    @Body() body: ReportAccountRequest,
  ): Promise<AcceptedResponse> {
    await this.companyAccounts.report(customer, id, body.message);
    return { message: ACCOUNT_REPORTED };
  }

  @Get()
  @ApiOperation({
    summary: 'The signed-in account',
    description: 'Email, language, status and dates of the account the bearer token belongs to.',
  })
  @ApiOkResponse({ type: AccountResponse })
  me(@CurrentCustomer() customer: AuthenticatedCustomer): Promise<AccountResponse> {
    return this.accounts.getProfile(customer.accountId);
  }

  @Post('password')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Change the password',
    description:
      'Every access token issued before (this one included) stops working: log in again.',
  })
  @ApiNoContentResponse({ description: 'Password changed; a notice is mailed to the account.' })
  @ApiUnprocessableEntityResponse({
    description:
      'CURRENT_PASSWORD_INCORRECT, PASSWORD_UNCHANGED (the new one is the current one), or ' +
      'PASSWORD_POLICY for the new password.',
  })
  async changePassword(
    @CurrentCustomer() customer: AuthenticatedCustomer,
    @Body() body: ChangePasswordRequest,
  ): Promise<void> {
    await this.passwordCare.changePassword(
      customer.accountId,
      body.currentPassword,
      body.newPassword,
    );
  }

  @Post('email')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Change the login email',
    description:
      'Needs the current password. A confirmation link (1 hour) goes to the new address; the ' +
      'change happens when it is used, and the old address is then notified.',
  })
  @ApiAcceptedResponse({ type: AcceptedResponse })
  @ApiConflictResponse({ description: 'EMAIL_TAKEN: another account uses the new email.' })
  @ApiUnprocessableEntityResponse({ description: 'CURRENT_PASSWORD_INCORRECT or EMAIL_UNCHANGED.' })
  async changeEmail(
    @CurrentCustomer() customer: AuthenticatedCustomer,
    @Body() body: ChangeEmailRequest,
  ): Promise<AcceptedResponse> {
    await this.emailChange.requestEmailChange(customer.accountId, body.newEmail, body.password);
    return {
      message:
        'A confirmation link was sent to the new address. The change takes effect once it is used.',
    };
  }
}
