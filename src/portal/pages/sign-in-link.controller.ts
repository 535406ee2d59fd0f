import { Body, Get, HttpStatus, Ip, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { Throttle } from '@nestjs/throttler';
import type { Response } from 'express';
import { AccessTokens } from '../../auth/customer/access-tokens';
import { AuthException } from '../../auth/auth.exception';
import { AccountsService } from '../../auth/customer/accounts.service';
import { AuthController } from '../../auth/customer/auth.controller';
import { EmailRequest } from '../../auth/customer/dto/auth-requests.dto';
import { perIp } from '../../auth/customer/rate-limits';
import { SignInLinkService } from '../../auth/customer/sign-in-link.service';
import { ProblemException } from '../../common/errors/problem.exception';
import { PortalController } from '../http/portal-controller.decorator';
import { redirectWithFlash } from '../http/portal-flash';
import { checkForm, FormState, formStateFrom } from '../http/portal-forms';
import { SharedThrottlerGuard, SharesLimitWith } from '../http/shared-throttler.guard';
import type { PortalRequest } from '../sign-in/portal-customer';
import { PortalSignInService } from '../sign-in/portal-sign-in.service';
import { forgetLinkToken, keepLinkToken, linkTokenOf } from './link-tokens';

const PAGE = 'sign-in-link';

/**
 * The way in that failed password sign-ins cannot close: ask for a single-use link by mail, and
 * the page that link opens, which signs in with one press (opening it uses nothing up).
 */
@PortalController()
export class SignInLinkController {
  constructor(
    private readonly signInLinks: SignInLinkService,
    private readonly accessTokens: AccessTokens,
    private readonly accounts: AccountsService,
    private readonly portalSignIn: PortalSignInService,
  ) {}

  @Get(PAGE)
  page(@Query('token') token: unknown, @Req() req: PortalRequest, @Res() res: Response): void {
    if (keepLinkToken(req, res, PAGE, token)) return;
    res.render(PAGE, linkPage(req, { values: {}, errors: {} }));
  }

  /** Always the same answer, whether or not the email has an account (as the API). */
  @Post(`${PAGE}/request`)
  @UseGuards(SharedThrottlerGuard)
  @SharesLimitWith(AuthController, 'signInLink')
  @Throttle(perIp.mailRequest)
  async request(
    @Body() body: Record<string, unknown>,
    @Req() req: PortalRequest,
    @Res() res: Response,
  ): Promise<void> {
    const { input, state } = await checkForm(EmailRequest, body, req.locale);
    if (state)
      return res.status(HttpStatus.UNPROCESSABLE_ENTITY).render(PAGE, linkPage(req, state));
    await this.signInLinks.mailLink(input.email);
    redirectWithFlash(req, res, `/${PAGE}`, { kind: 'success', key: 'signInLink.sent' });
  }

  @Post(PAGE)
  @UseGuards(SharedThrottlerGuard)
  @SharesLimitWith(AuthController, 'signInWithLink')
  @Throttle(perIp.tokenUse)
  async signIn(
    @Body() body: Record<string, unknown>,
    @Ip() ip: string,
    @Req() req: PortalRequest,
    @Res() res: Response,
  ): Promise<void> {
    const token = linkTokenOf(req, PAGE);
    if (!token) return res.redirect(303, `/${PAGE}`);
    try {
      const { accessToken } = await this.signInLinks.signIn(token, ip);
      const subject = this.accessTokens.verify(accessToken);
      const customer = subject
        ? await this.accounts.findAuthenticated(subject.accountId, subject.tokenVersion)
        : null;
      // The account was disabled between the link's check and this read.
      if (!customer || !subject) throw AuthException.accountDisabled();
      forgetLinkToken(req, PAGE);
      await this.portalSignIn.signIn(req, { ...customer, tokenVersion: subject.tokenVersion });
    } catch (error) {
      // A used, expired or replaced link cannot work again: the page offers a new one instead.
      if (error instanceof ProblemException && error.status === HttpStatus.GONE) {
        forgetLinkToken(req, PAGE);
      }
      return res
        .status(error instanceof ProblemException ? error.status : HttpStatus.UNPROCESSABLE_ENTITY)
        .render(PAGE, linkPage(req, formStateFrom(error, body, req.locale)));
    }
    redirectWithFlash(req, res, '/billing-records', { kind: 'success', key: 'signInLink.done' });
  }
}

function linkPage(req: PortalRequest, form: FormState): object {
  return { titleKey: 'signInLink.title', hasToken: !!linkTokenOf(req, PAGE), ...form };
}
