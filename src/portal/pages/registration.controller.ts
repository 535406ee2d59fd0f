import { Body, Get, HttpStatus, Post, Query, Render, Req, Res, UseGuards } from '@nestjs/common';
import { Throttle } from '@nestjs/throttler';
import type { Response } from 'express';
import { AuthErrorCode } from '../../auth/auth.exception';
import { ActivationService } from '../../auth/customer/activation.service';
import { AuthController } from '../../auth/customer/auth.controller';
import { EmailRequest, RegisterRequest } from '../../auth/customer/dto/auth-requests.dto';
import { perIp } from '../../auth/customer/rate-limits';
import { RegistrationController as RegistrationApi } from '../../auth/customer/registration.controller';
import { RegistrationService } from '../../auth/customer/registration.service';
import { ProblemException } from '../../common/errors/problem.exception';
import { isLocale, Locale } from '../../common/locale';
import { PortalController } from '../http/portal-controller.decorator';
import { redirectAfterSaving, redirectWithFlash } from '../http/portal-flash';
import { checkForm, FormState, formStateFrom } from '../http/portal-forms';
import { SharedThrottlerGuard, SharesLimitWith } from '../http/shared-throttler.guard';
import { localeFromCookie } from '../i18n/portal-locale';
import type { PortalRequest } from '../sign-in/portal-customer';

export type ActivationOutcome =
  'activated' | 'expired' | 'used' | 'superseded' | 'closed' | 'invalid';

const OUTCOMES: Partial<Record<string, ActivationOutcome>> = {
  [AuthErrorCode.TOKEN_EXPIRED]: 'expired',
  [AuthErrorCode.TOKEN_ALREADY_USED]: 'used',
  [AuthErrorCode.TOKEN_SUPERSEDED]: 'superseded',
  [AuthErrorCode.REGISTRATION_CLOSED]: 'closed',
};

const OUTCOME_STATUS: Record<ActivationOutcome, number> = {
  activated: HttpStatus.OK,
  expired: HttpStatus.GONE,
  used: HttpStatus.GONE,
  superseded: HttpStatus.GONE,
  closed: HttpStatus.GONE,
  invalid: HttpStatus.BAD_REQUEST,
};

/** Register, "check your mail", resend activation, and the activation link's page. */
@PortalController()
export class RegistrationController {
  constructor(
    private readonly registration: RegistrationService,
    private readonly activation: ActivationService,
  ) {}

  /** The order mail links here with the order number filled in. */
  @Get('register')
  @Render('register')
  form(@Query('orderNumber') orderNumber: unknown, @Req() req: PortalRequest): object {
    const values: Record<string, string> = { locale: req.locale };
    if (typeof orderNumber === 'string') values.orderNumber = orderNumber.slice(0, 64);
    return registerPage(req, { values, errors: {} });
  }

  @Post('register')
  @UseGuards(SharedThrottlerGuard)
  @SharesLimitWith(RegistrationApi, 'register')
  @Throttle(perIp.register)
  async register(
    @Body() body: Record<string, unknown>,
    @Req() req: PortalRequest,
    @Res() res: Response,
  ): Promise<void> {
    const { input, state } = await checkForm(RegisterRequest, body, req.locale);
    if (state)
      return res
        .status(HttpStatus.UNPROCESSABLE_ENTITY)
        .render('register', registerPage(req, state));
    try {
      await this.registration.register({
        orderNumber: input.orderNumber,
        email: input.email,
        password: input.password,
        locale: input.locale ?? req.locale,
      });
    } catch (error) {
      const failed = formStateFrom(error, body, req.locale);
      return res.status(statusOf(error)).render('register', registerPage(req, failed));
    }
    req.session.registeredEmail = input.email.trim().toLowerCase();
    redirectAfterSaving(req, res, '/register/check-mail');
  }

  @Get('register/check-mail')
  @Render('check-mail')
  checkMail(@Req() req: PortalRequest): object {
    const email = req.session.registeredEmail ?? '';
    return { titleKey: 'register.checkMail.title', email, values: { email }, errors: {} };
  }

  @Get('resend-activation')
  @Render('resend-activation')
  resendForm(@Query('email') email: unknown): object {
    return resendPage({ values: typeof email === 'string' ? { email } : {}, errors: {} });
  }

  /** Always the same answer, whether or not the email waits for activation (as the API). */
  @Post('resend-activation')
  @UseGuards(SharedThrottlerGuard)
  @SharesLimitWith(AuthController, 'resendActivation')
  @Throttle(perIp.mailRequest)
  async resend(
    @Body() body: Record<string, unknown>,
    @Req() req: PortalRequest,
    @Res() res: Response,
  ): Promise<void> {
    const { input, state } = await checkForm(EmailRequest, body, req.locale);
    if (state)
      return res
        .status(HttpStatus.UNPROCESSABLE_ENTITY)
        .render('resend-activation', resendPage(state));
    await this.activation.resendByEmail(input.email);
    redirectWithFlash(req, res, '/resend-activation', { kind: 'success', key: 'resend.sent' });
  }

  /**
   * The activation mail's link. It activates on open, as it always has: a second open (a mail
   * scanner came first) says the link was used and offers sign-in, which then just works.
   */
  @Get('activate')
  @UseGuards(SharedThrottlerGuard)
  @SharesLimitWith(AuthController, 'activate')
  @Throttle(perIp.tokenUse)
  async activate(
    @Query('token') token: unknown,
    @Req() req: PortalRequest,
    @Res() res: Response,
  ): Promise<void> {
    const outcome = await this.outcomeOf(token);
    const accountLocale =
      typeof token === 'string' && token.length <= 128
        ? await this.activation.localeOfToken(token)
        : undefined;
    const locale = this.activationLocale(req, accountLocale);
    res.status(OUTCOME_STATUS[outcome]).render('activate', {
      locale,
      // The switch must not reopen the token's URL.
      currentPath: '/login',
      // No form here, so the enhancement script has nothing to do.
      withoutScript: true,
      titleKey: `activate.${outcome}.title`,
      outcome,
      headingKey: `activate.${outcome}.heading`,
      bodyKey: `activate.${outcome}.body`,
      activated: outcome === 'activated' || outcome === 'used',
    });
  }

  private async outcomeOf(token: unknown): Promise<ActivationOutcome> {
    if (typeof token !== 'string' || token.length === 0 || token.length > 128) return 'invalid';
    try {
      await this.activation.activate(token);
      return 'activated';
    } catch (error) {
      if (error instanceof ProblemException) return OUTCOMES[error.code] ?? 'invalid';
      throw error;
    }
  }

  /** The visitor's own choice (the switch), else the language the account registered with. */
  private activationLocale(req: PortalRequest, accountLocale: Locale | undefined): Locale {
    if (req.user) return req.locale;
    const chosen = localeFromCookie(req.headers.cookie);
    if (chosen) return chosen;
    return accountLocale && isLocale(accountLocale) ? accountLocale : req.locale;
  }
}

function registerPage(req: PortalRequest, form: FormState): object {
  return { titleKey: 'register.title', ...form, signInNext: req.session.returnTo };
}

function resendPage(form: FormState): object {
  return { titleKey: 'resend.title', ...form };
}

function statusOf(error: unknown): number {
  return error instanceof ProblemException ? error.status : HttpStatus.UNPROCESSABLE_ENTITY;
}
