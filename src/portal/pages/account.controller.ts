import { Body, Get, HttpStatus, Post, Query, Render, Req, Res, UseGuards } from '@nestjs/common';
import { Throttle } from '@nestjs/throttler';
import type { Response } from 'express';
import { AccountsService } from '../../auth/customer/accounts.service';
import { AuthController } from '../../auth/customer/auth.controller';
import {
  ChangeEmailRequest,
  ChangePasswordRequest,
} from '../../auth/customer/dto/auth-requests.dto';
import { EmailChangeService } from '../../auth/customer/email-change.service';
import { PasswordCareService } from '../../auth/customer/password-care.service';
import { perIp } from '../../auth/customer/rate-limits';
import { ProblemException } from '../../common/errors/problem.exception';
import { PortalController } from '../http/portal-controller.decorator';
import { redirectWithFlash } from '../http/portal-flash';
import { checkForm, FormState, formStateFrom } from '../http/portal-forms';
import { PORTAL_SESSION_COOKIE } from '../http/portal-http.pipeline';
import { SharedThrottlerGuard, SharesLimitWith } from '../http/shared-throttler.guard';
import type { PortalCustomer, PortalRequest } from '../sign-in/portal-customer';
import { PortalSignedInGuard, SignedInCustomer } from '../sign-in/portal-signed-in.guard';
import { PortalSignInService } from '../sign-in/portal-sign-in.service';
import { forgetLinkToken, keepLinkToken, linkTokenOf } from './link-tokens';

type AccountForm = 'email' | 'password';

/**
 * The account page (change the sign-in email, change the password, sign out everywhere), the
 * email change's confirmation page and "forgot your sign-in email".
 */
@PortalController()
export class AccountController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly passwordCare: PasswordCareService,
    private readonly emailChange: EmailChangeService,
    private readonly signIn: PortalSignInService,
  ) {}

  @Get('account')
  @UseGuards(PortalSignedInGuard)
  @Render('account')
  account(@SignedInCustomer() customer: PortalCustomer): object {
    return accountPage(customer);
  }

  @Post('account/email')
  @UseGuards(PortalSignedInGuard)
  async changeEmail(
    @SignedInCustomer() customer: PortalCustomer,
    @Body() body: Record<string, unknown>,
    @Req() req: PortalRequest,
    @Res() res: Response,
  ): Promise<void> {
    const { input, state } = await checkForm(ChangeEmailRequest, body, req.locale);
    if (state) return this.refused(res, customer, 'email', state, HttpStatus.UNPROCESSABLE_ENTITY);
    try {
      await this.emailChange.requestEmailChange(customer.accountId, input.newEmail, input.password);
    } catch (error) {
      return this.refused(
        res,
        customer,
        'email',
        formStateFrom(error, body, req.locale),
        statusOf(error),
      );
    }
    redirectWithFlash(req, res, '/account', {
      kind: 'success',
      key: 'account.changeEmail.sent',
      params: { email: input.newEmail.trim().toLowerCase() },
    });
  }

  /** Every other session and token ends (the token version moves on); this one carries on. */
  @Post('account/password')
  @UseGuards(PortalSignedInGuard)
  async changePassword(
    @SignedInCustomer() customer: PortalCustomer,
    @Body() body: Record<string, unknown>,
    @Req() req: PortalRequest,
    @Res() res: Response,
  ): Promise<void> {
    const { input, state } = await checkForm(ChangePasswordRequest, body, req.locale);
    if (state)
      return this.refused(res, customer, 'password', state, HttpStatus.UNPROCESSABLE_ENTITY);
    let tokenVersion: number;
    try {
      ({ tokenVersion } = await this.passwordCare.changePassword(
        customer.accountId,
        input.currentPassword,
        input.newPassword,
      ));
    } catch (error) {
      return this.refused(
        res,
        customer,
        'password',
        formStateFrom(error, body, req.locale),
        statusOf(error),
      );
    }
    await this.signIn.signIn(req, { ...customer, tokenVersion });
    redirectWithFlash(req, res, '/account', {
      kind: 'success',
      key: 'account.changePassword.done',
    });
  }

  /** Every session and token of the account ends, this one included. */
  @Post('account/sign-out-everywhere')
  @UseGuards(PortalSignedInGuard)
  async signOutEverywhere(
    @SignedInCustomer() customer: PortalCustomer,
    @Req() req: PortalRequest,
    @Res() res: Response,
  ): Promise<void> {
    await this.accounts.endEverySession(customer.accountId);
    await this.signIn.signOut(req, res, PORTAL_SESSION_COOKIE);
    res.redirect(303, '/login?signedOut=everywhere');
  }

  @Get('confirm-email-change')
  confirmForm(
    @Query('token') token: unknown,
    @Req() req: PortalRequest,
    @Res() res: Response,
  ): void {
    if (keepLinkToken(req, res, 'confirm-email-change', token)) return;
    res.render('confirm-email-change', confirmPage(req, { values: {}, errors: {} }));
  }

  @Post('confirm-email-change')
  @UseGuards(SharedThrottlerGuard)
  @SharesLimitWith(AuthController, 'confirmEmailChange')
  @Throttle(perIp.tokenUse)
  async confirm(@Req() req: PortalRequest, @Res() res: Response): Promise<void> {
    const token = linkTokenOf(req, 'confirm-email-change');
    if (!token)
      return res
        .status(HttpStatus.BAD_REQUEST)
        .render('confirm-email-change', confirmPage(req, { values: {}, errors: {} }));
    try {
      await this.emailChange.confirmEmailChange(token);
    } catch (error) {
      if (error instanceof ProblemException && error.status === HttpStatus.GONE) {
        forgetLinkToken(req, 'confirm-email-change');
      }
      const failed = formStateFrom(error, {}, req.locale);
      return res.status(statusOf(error)).render('confirm-email-change', confirmPage(req, failed));
    }
    forgetLinkToken(req, 'confirm-email-change');
    if (req.user) {
      return redirectWithFlash(req, res, '/account', {
        kind: 'success',
        key: 'confirmEmail.doneSignedIn',
      });
    }
    redirectWithFlash(req, res, '/login', { kind: 'success', key: 'confirmEmail.done' });
  }

  @Get('forgot-email')
  @Render('forgot-email')
  forgotEmail(): object {
    return { titleKey: 'forgotEmail.title' };
  }

  private refused(
    res: Response,
    customer: PortalCustomer,
    form: AccountForm,
    state: FormState,
    status: number,
  ): void {
    res.status(status).render('account', { ...accountPage(customer), ...state, failedForm: form });
  }
}

function accountPage(customer: PortalCustomer): object {
  return {
    titleKey: 'account.title',
    email: customer.email,
    accountLocale: customer.locale,
    values: {},
    errors: {},
  };
}

function confirmPage(req: PortalRequest, form: FormState): object {
  return {
    titleKey: 'confirmEmail.title',
    hasToken: !!linkTokenOf(req, 'confirm-email-change'),
    ...form,
  };
}

function statusOf(error: unknown): number {
  return error instanceof ProblemException ? error.status : HttpStatus.UNPROCESSABLE_ENTITY;
}
