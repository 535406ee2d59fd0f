import { Body, Get, HttpStatus, Post, Query, Render, Req, Res, UseGuards } from '@nestjs/common';
import { Throttle } from '@nestjs/throttler';
import type { Response } from 'express';
import { AuthController } from '../../auth/customer/auth.controller';
import { EmailRequest, ResetPasswordRequest } from '../../auth/customer/dto/auth-requests.dto';
import { PasswordCareService } from '../../auth/customer/password-care.service';
import { perIp } from '../../auth/customer/rate-limits';
import { ProblemException } from '../../common/errors/problem.exception';
import { PortalController } from '../http/portal-controller.decorator';
import { redirectWithFlash } from '../http/portal-flash';
import { checkForm, FormState, formStateFrom } from '../http/portal-forms';
import { SharedThrottlerGuard, SharesLimitWith } from '../http/shared-throttler.guard';
import type { PortalRequest } from '../sign-in/portal-customer';
import { forgetLinkToken, keepLinkToken, linkTokenOf } from './link-tokens';

/** Forgotten password (a reset link by mail) and the reset page the link opens. */
@PortalController()
export class PasswordController {
  constructor(private readonly passwordCare: PasswordCareService) {}

  @Get('forgot-password')
  @Render('forgot-password')
  forgotForm(): object {
    return forgotPage({ values: {}, errors: {} });
  }

  /** Always the same answer, whether or not the email has an account (as the API). */
  @Post('forgot-password')
  @UseGuards(SharedThrottlerGuard)
  @SharesLimitWith(AuthController, 'forgotPassword')
  @Throttle(perIp.mailRequest)
  async forgot(
    @Body() body: Record<string, unknown>,
    @Req() req: PortalRequest,
    @Res() res: Response,
  ): Promise<void> {
    const { input, state } = await checkForm(EmailRequest, body, req.locale);
    if (state) {
      return res
        .status(HttpStatus.UNPROCESSABLE_ENTITY)
        .render('forgot-password', forgotPage(state));
    }
    await this.passwordCare.forgotPassword(input.email);
    redirectWithFlash(req, res, '/forgot-password', {
      kind: 'success',
      key: 'forgotPassword.sent',
    });
  }

  @Get('reset-password')
  resetForm(@Query('token') token: unknown, @Req() req: PortalRequest, @Res() res: Response): void {
    if (keepLinkToken(req, res, 'reset-password', token)) return;
    res.render('reset-password', resetPage(req, { values: {}, errors: {} }));
  }

  @Post('reset-password')
  @UseGuards(SharedThrottlerGuard)
  @SharesLimitWith(AuthController, 'resetPassword')
  @Throttle(perIp.tokenUse)
  async reset(
    @Body() body: Record<string, unknown>,
    @Req() req: PortalRequest,
    @Res() res: Response,
  ): Promise<void> {
    const token = linkTokenOf(req, 'reset-password') ?? '';
    const { input, state } = await checkForm(ResetPasswordRequest, { ...body, token }, req.locale);
    if (state) {
      return res
        .status(HttpStatus.UNPROCESSABLE_ENTITY)
        .render('reset-password', resetPage(req, state));
    }
    try {
      await this.passwordCare.resetPassword(input.token, input.newPassword);
    } catch (error) {
      const failed = formStateFrom(error, body, req.locale);
      // A used, expired or replaced link cannot work again: the page stops offering it.
      if (error instanceof ProblemException && error.status === HttpStatus.GONE) {
        forgetLinkToken(req, 'reset-password');
      }
      return res
        .status(error instanceof ProblemException ? error.status : 422)
        .render('reset-password', resetPage(req, failed));
    }
    forgetLinkToken(req, 'reset-password');
    redirectWithFlash(req, res, '/login', { kind: 'success', key: 'resetPassword.done' });
  }
}

function forgotPage(form: FormState): object {
  return { titleKey: 'forgotPassword.title', ...form };
}

function resetPage(req: PortalRequest, form: FormState): object {
  return {
    titleKey: 'resetPassword.title',
    hasToken: !!linkTokenOf(req, 'reset-password'),
    ...form,
  };
}
