import { CanActivate, ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { AuthErrorCode, AuthException } from '../auth.exception';
import { AccessTokens } from './access-tokens';
import { AccountsService } from './accounts.service';
import type { CustomerRequest } from './current-customer.decorator';

/** `Authorization: Bearer <token>`; the scheme is case-insensitive (RFC 7235). */
const BEARER = /^Bearer +(\S+) *$/i;

/**
 * Bearer JWT for customer routes. Besides the signature and expiry (AccessTokens) it checks, on
 * every request, that the account is still active and that the token's version is the account's
 * current one (password change/reset and disabling bump it, which revokes every older token).
 * The customer lands on `request.customer`.
 *
 * A plain guard rather than passport: with one strategy and no sessions, passport only added a
 * strategy object and two promise wrappers per request on every authenticated route.
 */
@Injectable()
export class CustomerAuthGuard implements CanActivate {
  constructor(
    private readonly tokens: AccessTokens,
    private readonly accounts: AccountsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<CustomerRequest>();
    const token = BEARER.exec(request.headers.authorization ?? '')?.[1];
    const subject = token ? this.tokens.verify(token) : null;
    const customer = subject
      ? await this.accounts.findAuthenticated(subject.accountId, subject.tokenVersion)
      : null;
    if (!customer) throw unauthenticated();
    request.customer = customer;
    return true;
  }
}

function unauthenticated(): AuthException {
  return new AuthException(
    HttpStatus.UNAUTHORIZED,
    AuthErrorCode.UNAUTHENTICATED,
    'Sign in first: send a valid access token as "Authorization: Bearer <token>". ' +
      'Tokens expire, and changing or resetting the password ends every earlier session.',
    { headers: { 'WWW-Authenticate': 'Bearer' } },
  );
}
