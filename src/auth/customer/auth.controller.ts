import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  HttpStatus,
  Ip,
  Post,
  UseGuards,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiGoneResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { SkipThrottle, Throttle, ThrottlerGuard } from '@nestjs/throttler';
import { Locale, requestLocale } from '../../common/locale';
import { CUSTOMER_SERVICE_PHONE } from '../../notifications/mail-catalogue';
import { ActivationService } from './activation.service';
import {
  EmailRequest,
  LoginRequest,
  ResetPasswordRequest,
  TokenRequest,
} from './dto/auth-requests.dto';
import {
  AcceptedResponse,
  ActivatedResponse,
  ForgotEmailResponse,
  LoginResponse,
} from './dto/auth-responses.dto';
import { AccountStatus } from './entities/account-status';
import { EmailChangeService } from './email-change.service';
import { LoginService } from './login.service';
import { PasswordCareService } from './password-care.service';
import { SignInLinkService } from './sign-in-link.service';
import { perIp } from './rate-limits';

export const RESEND_ACCEPTED =
  'If a registration waiting for activation exists for this email, a new activation link is on its way.';
const FORGOT_EMAIL_MESSAGES: Record<Locale, string> = {
  'zh-CN': `我们无法为您查询登录邮箱。请致电客服 ${CUSTOMER_SERVICE_PHONE}，客服可以通过订单号找到您的账户。`,
  en:
    'We cannot look up a login email for you. Please call customer service on ' +
    `${CUSTOMER_SERVICE_PHONE}; they can find your account with your order number.`,
};

export const SIGN_IN_LINK_ACCEPTED =
  'If an active account uses this email, a sign-in link is on its way. It works once, for 15 minutes.';
export const FORGOT_ACCEPTED =
  'If an active account uses this email, a password reset link is on its way. It works once, for one hour.';

@ApiTags('auth')
@Controller('api/v1/auth')
@UseGuards(ThrottlerGuard)
@ApiBadRequestResponse({ description: 'Malformed body (problem details listing the fields).' })
@ApiTooManyRequestsResponse({ description: 'Too many requests from this address (Retry-After).' })
export class AuthController {
  constructor(
    private readonly activation: ActivationService,
    private readonly login: LoginService,
    private readonly passwordCare: PasswordCareService,
    private readonly emailChange: EmailChangeService,
    private readonly signInLinks: SignInLinkService,
  ) {}

  @Post('activate')
  @HttpCode(HttpStatus.OK)
  @Throttle(perIp.tokenUse)
  @ApiOperation({
    summary: 'Activate an account with the token from the activation email',
    description:
      "Uses the link once. The order's other pending registrations under other emails are closed (their links answer REGISTRATION_CLOSED); the order's contact email and the company's accounts are told who joined.",
  })
  @ApiOkResponse({ type: ActivatedResponse })
  @ApiGoneResponse({
    description:
      'The link expired (24 h), was used, was replaced, or its registration was closed by the activation of another of the same order (REGISTRATION_CLOSED).',
  })
  async activate(@Body() body: TokenRequest): Promise<ActivatedResponse> {
    await this.activation.activate(body.token);
    return { status: AccountStatus.ACTIVE, message: 'The account is active. You can log in now.' };
  }

  @Post('resend-activation')
  @HttpCode(HttpStatus.ACCEPTED)
  @Throttle(perIp.mailRequest)
  @ApiOperation({
    summary: 'Send a new activation link (the old one stops working)',
    description: 'Always 202 with the same body; at most one mail per account per minute.',
  })
  @ApiAcceptedResponse({ type: AcceptedResponse })
  async resendActivation(@Body() body: EmailRequest): Promise<AcceptedResponse> {
    await this.activation.resendByEmail(body.email);
    return { message: RESEND_ACCEPTED };
  }

  @Post('login')
  @HttpCode(HttpStatus.OK)
  @Throttle(perIp.login)
  @ApiOperation({
    summary: 'Log in with email and password',
    description:
      'Five failed attempts for an email from one address within 15 minutes lock that email for ' +
      'that address for 15 minutes; twenty from all addresses together lock its password sign-in ' +
      'and mail the owner a sign-in link (429 TOO_MANY_FAILED_LOGINS with Retry-After).',
  })
  @ApiOkResponse({ type: LoginResponse })
  @ApiUnauthorizedResponse({ description: 'Unknown email or wrong password (the same answer).' })
  @ApiForbiddenResponse({
    description: 'ACCOUNT_NOT_ACTIVATED (with a resend hint) or ACCOUNT_DISABLED.',
  })
  logIn(@Body() body: LoginRequest, @Ip() ip: string): Promise<LoginResponse> {
    return this.login.login(body.email, body.password, ip);
  }

  @Post('sign-in-link')
  @HttpCode(HttpStatus.ACCEPTED)
  @Throttle(perIp.mailRequest)
  @ApiOperation({
    summary: 'Mail a single-use sign-in link (15 minutes)',
    description:
      'Always 202 with the same body; at most one mail per account per minute. The way in while ' +
      'password sign-in is locked: the link signs in and lifts the lock.',
  })
  @ApiAcceptedResponse({ type: AcceptedResponse })
  async signInLink(@Body() body: EmailRequest): Promise<AcceptedResponse> {
    await this.signInLinks.mailLink(body.email);
    return { message: SIGN_IN_LINK_ACCEPTED };
  }

  @Post('sign-in-with-link')
  @HttpCode(HttpStatus.OK)
  @Throttle(perIp.tokenUse)
  @ApiOperation({
    summary: 'Sign in with the token of a mailed sign-in link',
    description: 'Works once; lifts the lock of failed password sign-ins.',
  })
  @ApiOkResponse({ type: LoginResponse })
  @ApiGoneResponse({ description: 'The link expired, was used, or was replaced.' })
  @ApiForbiddenResponse({ description: 'ACCOUNT_DISABLED.' })
  signInWithLink(@Body() body: TokenRequest, @Ip() ip: string): Promise<LoginResponse> {
    return this.signInLinks.signIn(body.token, ip);
  }

  @Post('forgot-password')
  @HttpCode(HttpStatus.ACCEPTED)
  @Throttle(perIp.mailRequest)
  @ApiOperation({
    summary: 'Mail a single-use password reset link (1 hour)',
    description: 'Always 202 with the same body; a password is never sent by mail.',
  })
  @ApiAcceptedResponse({ type: AcceptedResponse })
  async forgotPassword(@Body() body: EmailRequest): Promise<AcceptedResponse> {
    await this.passwordCare.forgotPassword(body.email);
    return { message: FORGOT_ACCEPTED };
  }

  @Post('reset-password')
  @HttpCode(HttpStatus.NO_CONTENT)
  @Throttle(perIp.tokenUse)
  @ApiOperation({
    summary: 'Set a new password with the reset link; ends every session',
    description:
      'The link works once, for one hour. Every access token issued before stops working, and a lock of failed sign-ins on the account ends; a notice is mailed.',
  })
  @ApiNoContentResponse({ description: 'Password changed.' })
  @ApiUnprocessableEntityResponse({ description: 'PASSWORD_POLICY: the new password is refused.' })
  @ApiGoneResponse({ description: 'The link expired, was used, or was replaced.' })
  async resetPassword(@Body() body: ResetPasswordRequest): Promise<void> {
    await this.passwordCare.resetPassword(body.token, body.newPassword);
  }

  @Post('confirm-email-change')
  @HttpCode(HttpStatus.NO_CONTENT)
  @Throttle(perIp.tokenUse)
  @ApiOperation({
    summary: 'Confirm a login email change with the link sent to the new address',
    description: 'The link works once, for one hour; the old address is told of the change.',
  })
  @ApiNoContentResponse({ description: 'The login email is changed; the old address is notified.' })
  @ApiGoneResponse({ description: 'The link expired, was used, or was replaced.' })
  async confirmEmailChange(@Body() body: TokenRequest): Promise<void> {
    await this.emailChange.confirmEmailChange(body.token);
  }

  @Get('forgot-email')
  @SkipThrottle()
  @ApiOperation({
    summary: 'What to do when the login email is forgotten',
    description:
      'Login emails are never looked up for the caller (no enumeration): the answer, in zh-CN and English, says to call customer service, who find the account by order number.',
  })
  @ApiOkResponse({ type: ForgotEmailResponse })
  @ApiHeader({
    name: 'Accept-Language',
    required: false,
    description: '`en` for English; zh-CN otherwise.',
  })
  forgotEmail(@Headers('accept-language') acceptLanguage?: string): ForgotEmailResponse {
    return {
      message: FORGOT_EMAIL_MESSAGES[requestLocale(acceptLanguage)],
      messages: FORGOT_EMAIL_MESSAGES,
      customerServicePhone: CUSTOMER_SERVICE_PHONE,
    };
  }
}
