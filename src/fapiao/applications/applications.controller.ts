import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
  Query,
  UseGuards,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import {
  AuthenticatedCustomer,
  CurrentCustomer,
} from '../../auth/customer/current-customer.decorator';
import { CustomerAuthGuard } from '../../auth/customer/customer-auth.guard';
import { ApplicationIdPipe } from './application-id.pipe';
import { ApplicationReader } from './application-reader';
import { ApplicationsService } from './applications.service';
import {
  ApplicationActionDto,
  CreateApplicationDto,
  UpdateApplicationDto,
} from './dto/application-input.dto';
import { ApplicationsQueryDto } from './dto/application-query.dto';
import { ApplicationDto, ApplicationPageDto, PrefillDto, TitleDto } from './dto/application.dto';
import type { FapiaoTitle } from '../titles/fapiao-title';
import { TitleProfilesService } from '../../title-profiles/title-profiles.service';

/** The title's given fields, as the API leaves absent ones out. */
function presentTitle(title: FapiaoTitle): TitleDto {
  return Object.fromEntries(
    Object.entries(title).filter(([, value]) => value !== null && value !== undefined),
  ) as unknown as TitleDto;
}

const ID_PARAM = { name: 'id', format: 'uuid', description: 'The application id.' } as const;

/** The signed-in customer's fapiao applications. */
@ApiTags('fapiao applications')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No valid access token.' })
@ApiBadRequestResponse({
  description: 'Malformed input: wrong types, unknown fields (VALIDATION_FAILED).',
})
@UseGuards(CustomerAuthGuard)
@Controller('api/v1/fapiao')
export class ApplicationsController {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly reader: ApplicationReader,
    private readonly titleProfiles: TitleProfilesService,
  ) {}

  @Get('prefill')
  @ApiOperation({
    summary: 'Prefill for the next application',
    description:
      "Type and shipping of the account's most recent submitted application; the title is the " +
      "customer's default saved title (/api/v1/title-profiles), else that application's ({} if " +
      'neither).',
  })
  @ApiOkResponse({ type: PrefillDto })
  async prefill(@CurrentCustomer() customer: AuthenticatedCustomer): Promise<PrefillDto> {
    const [last, saved] = await Promise.all([
      this.reader.prefillForAccount(customer.accountId),
      this.titleProfiles.defaultTitle(customer),
    ]);
    return saved ? { ...last, title: presentTitle(saved) } : last;
  }

  @Post('applications')
  @ApiOperation({
    summary: 'Apply for a fapiao (creates a draft)',
    description:
      'Normal fapiao: buyerName required, taxId optional (validated when given; a resident ID ' +
      'number is accepted). Special fapiao: buyerName and an organisation taxId; address, phone, ' +
      "bankName and bankAccount optional. Delivery: `email` by default (to the account's " +
      'address unless `deliveryEmails` are given); paper on request, where mailing methods need ' +
      'a full address and pick-up only a contact name and phone. The bill must have its ' +
      'payment synced.',
  })
  @ApiCreatedResponse({ type: ApplicationDto })
  @ApiNotFoundResponse({ description: "Not one of the customer's orders (ORDER_NOT_FOUND)." })
  @ApiConflictResponse({
    description:
      'The bill already has a submitted application (BILL_ALREADY_APPLIED) or an open draft ' +
      '(DRAFT_EXISTS, with `draftId`).',
  })
  @ApiUnprocessableEntityResponse({
    description:
      'Title or shipping rules (APPLICATION_INVALID, with errors), PAYMENT_NOT_SYNCED, TITLE_MUST_MATCH_PAYER.',
  })
  create(
    @CurrentCustomer() customer: AuthenticatedCustomer,
    @Body() body: CreateApplicationDto,
  ): Promise<ApplicationDto> {
    return this.applications.create(customer, body);
  }

  @Get('applications')
  @ApiOperation({
    summary: "The customer's applications, newest first",
    description:
      'Every application of the signed-in customer (company), whichever of its accounts made it. Paged; `status` filters.',
  })
  @ApiOkResponse({ type: ApplicationPageDto })
  list(
    @CurrentCustomer() customer: AuthenticatedCustomer,
    @Query() query: ApplicationsQueryDto,
  ): Promise<ApplicationPageDto> {
    return this.reader.listForCustomer(customer.customerId, query);
  }

  @Get('applications/:id')
  @ApiOperation({
    summary:
      'One application: status, remarks, history, due and expected dates, documents, tracking',
    description:
      "Another customer's application answers 404, as an unknown id does. Business dates are YYYY-MM-DD (Asia/Shanghai).",
  })
  @ApiParam(ID_PARAM)
  @ApiOkResponse({ type: ApplicationDto })
  @ApiNotFoundResponse({
    description: "No such application among the customer's (APPLICATION_NOT_FOUND).",
  })
  get(
    @CurrentCustomer() customer: AuthenticatedCustomer,
    @Param('id', ApplicationIdPipe) id: string,
  ): Promise<ApplicationDto> {
    return this.reader.getForCustomer(customer.customerId, id);
  }

  @Patch('applications/:id')
  @ApiOperation({
    summary: 'Edit a draft',
    description: '`title` and `shipping` replace the whole part.',
  })
  @ApiParam(ID_PARAM)
  @ApiOkResponse({ type: ApplicationDto })
  @ApiConflictResponse({
    description: 'Not a draft (ILLEGAL_TRANSITION) or a stale version (VERSION_CONFLICT).',
  })
  @ApiUnprocessableEntityResponse({ description: 'As for create.' })
  async update(
    @CurrentCustomer() customer: AuthenticatedCustomer,
    @Param('id', ApplicationIdPipe) id: string,
    @Body() body: UpdateApplicationDto,
  ): Promise<ApplicationDto> {
    await this.applications.update(customer, id, body);
    return this.reader.getForCustomer(customer.customerId, id);
  }

  @Post('applications/:id/confirm')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Confirm a draft (→ submitted)',
    description:
      'Sets the due date (two working days; after 17:00 from the next working day) and mails a receipt.',
  })
  @ApiParam(ID_PARAM)
  @ApiOkResponse({ type: ApplicationDto })
  @ApiConflictResponse({
    description: 'ILLEGAL_TRANSITION, VERSION_CONFLICT, or BILL_ALREADY_APPLIED.',
  })
  confirm(
    @CurrentCustomer() customer: AuthenticatedCustomer,
    @Param('id', ApplicationIdPipe) id: string,
    @Body() body: ApplicationActionDto,
  ): Promise<ApplicationDto> {
    return this.applications.confirm(customer, id, body.version);
  }

  @Post('applications/:id/cancel')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Cancel a draft or a submitted application (before processing starts)',
    description:
      'Frees the bill for a new application. `version` (optional) guards against a stale read (409 VERSION_CONFLICT).',
  })
  @ApiParam(ID_PARAM)
  @ApiOkResponse({ type: ApplicationDto })
  @ApiConflictResponse({
    description: 'Processing has started (ILLEGAL_TRANSITION), or VERSION_CONFLICT.',
  })
  async cancel(
    @CurrentCustomer() customer: AuthenticatedCustomer,
    @Param('id', ApplicationIdPipe) id: string,
    @Body() body: ApplicationActionDto,
  ): Promise<ApplicationDto> {
    await this.applications.cancel(customer, id, body.version);
    return this.reader.getForCustomer(customer.customerId, id);
  }
}
