import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-local';
import { AccessTokens } from '../../auth/customer/access-tokens';
import { AccountsService } from '../../auth/customer/accounts.service';
import { LoginService } from '../../auth/customer/login.service';
import type { PortalCustomer } from './portal-customer';

export const PORTAL_LOCAL_STRATEGY = 'portal-local';

/**
 * Email and password from the sign-in form. LoginService is the one place that checks them (the
 * lock-out, the account's state, the rehash); the access token it issues names the account and
 * its token version, which the session keeps. Its errors reach the form as they are.
 */
@Injectable()
export class PortalLocalStrategy extends PassportStrategy(Strategy, PORTAL_LOCAL_STRATEGY) {
  constructor(
    private readonly login: LoginService,
    private readonly tokens: AccessTokens,
    private readonly accounts: AccountsService,
  ) {
    // The request, for its client address: failures are counted per account and source.
    super({ usernameField: 'email', passwordField: 'password', passReqToCallback: true });
  }

  async validate(req: Request, email: string, password: string): Promise<PortalCustomer | false> {
    const { accessToken } = await this.login.login(email, password, req.ip);
    const subject = this.tokens.verify(accessToken);
    const customer = subject
      ? await this.accounts.findAuthenticated(subject.accountId, subject.tokenVersion)
      : null;
    return customer && subject ? { ...customer, tokenVersion: subject.tokenVersion } : false;
  }
}
