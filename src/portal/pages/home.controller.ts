import { Body, Get, Post, Query, Render, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AccountsService } from '../../auth/customer/accounts.service';
import { isLocale } from '../../common/locale';
import { PortalController } from '../http/portal-controller.decorator';
import { safeReturnPath } from '../http/portal-paths';
import { LOCALE_COOKIE } from '../i18n/portal-locale';
import type { PortalRequest } from '../sign-in/portal-customer';

const ONE_YEAR_MS = 365 * 24 * 60 * 60 * 1000;

/** The home page, the help page and the language switch. */
@PortalController()
export class HomeController {
  constructor(private readonly accounts: AccountsService) {}

  @Get()
  @Render('home')
  home(): object {
    return { titleKey: 'home.title' };
  }

  @Get('help')
  @Render('help')
  help(): object {
    return { titleKey: 'help.title' };
  }

  /** Signed out: the switch is a link that sets the cookie (nothing on the server changes). */
  @Get('language')
  chooseLanguage(
    @Query('locale') locale: unknown,
    @Query('next') next: unknown,
    @Res() res: Response,
  ): void {
    if (isLocale(locale)) this.rememberLocale(res, locale);
    res.redirect(303, safeReturnPath(next, '/'));
  }

  /** Signed in: a form (CSRF-checked) that changes the account's language, which mails follow. */
  @Post('language')
  async changeLanguage(
    @Body() body: Record<string, unknown>,
    @Req() req: PortalRequest,
    @Res() res: Response,
  ): Promise<void> {
    const locale = body.locale;
    if (isLocale(locale)) {
      if (req.user) await this.accounts.changeLocale(req.user.accountId, locale);
      this.rememberLocale(res, locale);
    }
    res.redirect(303, safeReturnPath(body.next, '/'));
  }

  private rememberLocale(res: Response, locale: string): void {
    res.cookie(LOCALE_COOKIE, locale, {
      maxAge: ONE_YEAR_MS,
      sameSite: 'lax',
      httpOnly: true,
      path: '/',
    });
  }
}
