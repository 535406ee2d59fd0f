import { Body, Get, HttpStatus, Post, Query, Render, Req, Res, UseGuards } from '@nestjs/common';
import { Throttle } from '@nestjs/throttler';
import type { Response } from 'express';
import { AuthController } from '../../auth/customer/auth.controller';
import { LoginRequest } from '../../auth/customer/dto/auth-requests.dto';
import { perIp } from '../../auth/customer/rate-limits';
import { AuthErrorCode, AuthException } from '../../auth/auth.exception';
import { ProblemException } from '../../common/errors/problem.exception';
import { PortalController } from '../http/portal-controller.decorator';
import { checkForm, FormState, formStateFrom } from '../http/portal-forms';
import { PORTAL_SESSION_COOKIE } from '../http/portal-http.pipeline';
import { safeReturnPath } from '../http/portal-paths';
import { SharedThrottlerGuard, SharesLimitWith } from '../http/shared-throttler.guard';
import type { PortalRequest } from '../sign-in/portal-customer';
import { PortalSignInService } from '../sign-in/portal-sign-in.service';

/** Sign in (back to `next` afterwards) and sign out. */
@PortalController()
export class SignInController {
  constructor(private readonly signIn: PortalSignInService) {}

  @Get('login')
  @Render('login')
  form(
    @Query('next') next: unknown,
    @Query('signedOut') signedOut: unknown,
    @Req() req: PortalRequest,
  ): object {
    return {
      ...loginPage(safeReturnPath(next ?? req.session.returnTo), { values: {}, errors: {} }),
      signedOut: !req.user && signedOut === '1',
      signedOutEverywhere: !req.user && signedOut === 'everywhere',
    };
  }

  @Post('login')
  @UseGuards(SharedThrottlerGuard)
  @SharesLimitWith(AuthController, 'logIn')
  @Throttle(perIp.login)
  async submit(
    @Body() body: Record<string, unknown>,
    @Req() req: PortalRequest,
    @Res() res: Response,
  ): Promise<void> {
    const next = safeReturnPath(body.next ?? req.session.returnTo);
    const { state } = await checkForm(LoginRequest, body, req.locale);
    if (state)
      return res.status(HttpStatus.UNPROCESSABLE_ENTITY).render('login', loginPage(next, state));
    try {
      const customer = await this.signIn.authenticate(req, res);
      // False only when the account stopped being active between the password check and now.
      if (!customer) throw invalidCredentials();
      await this.signIn.signIn(req, customer);
    } catch (error) {
      const failed = formStateFrom(error, body, req.locale);
      const status = error instanceof ProblemException ? error.status : HttpStatus.UNAUTHORIZED;
      if (error instanceof ProblemException && error.headers?.['Retry-After']) {
        res.setHeader('Retry-After', error.headers['Retry-After']);
      }
      return res.status(status).render('login', {
        ...loginPage(next, failed),
        notActivated:
          error instanceof ProblemException &&
          error.code === (AuthErrorCode.ACCOUNT_NOT_ACTIVATED as string),
      });
    }
    res.redirect(303, next);
  }

  /** A link to /logout shows a button: signing out is a POST, so another site cannot do it. */
  @Get('logout')
  @Render('logout')
  confirmSignOut(): object {
    return { titleKey: 'nav.signOut' };
  }

  @Post('logout')
  async signOut(@Req() req: PortalRequest, @Res() res: Response): Promise<void> {
    await this.signIn.signOut(req, res, PORTAL_SESSION_COOKIE);
    res.redirect(303, '/login?signedOut=1');
  }
}

function invalidCredentials(): AuthException {
  return new AuthException(
    HttpStatus.UNAUTHORIZED,
    AuthErrorCode.INVALID_CREDENTIALS,
    'The email or password is not correct.',
  );
}

function loginPage(next: string, form: FormState): object {
  return { titleKey: 'login.title', next, ...form };
}
