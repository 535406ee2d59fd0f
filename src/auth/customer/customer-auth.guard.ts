import { CanActivate, ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { AuthErrorCode, AuthException } from '../auth.exception';
import { AccessTokens } from './access-tokens';
import { AccountsService } from './accounts.service';
import { CustomerRequest } from './current-customer.decorator';

const BEARER = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/;

/**
 * Bearer JWT for customer routes. Besides the signature and expiry it checks, on every request,
 * that the account is still active and that the token's version is the account's current one
 * (password change/reset and disabling bump it, which revokes every older token).
 */
@Injectable()
export class CustomerAuthGuard implements CanActivate {
  constructor(
    private readonly tokens: AccessTokens,
    private readonly accounts: AccountsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<CustomerRequest>();
    const match = BEARER.exec(request.headers.authorization ?? '');
    const verified = match ? this.tokens.verify(match[1]) : null;
    const customer = verified
      ? await this.accounts.findAuthenticated(verified.accountId, verified.tokenVersion)
      : null;
    if (!customer) {
      throw new AuthException(
        HttpStatus.UNAUTHORIZED,
        AuthErrorCode.UNAUTHENTICATED,
        'Sign in first: send a valid access token as "Authorization: Bearer <token>". ' +
          'Tokens expire, and changing or resetting the password ends every earlier session.',
        { headers: { 'WWW-Authenticate': 'Bearer' } },
      );
    }
    request.customer = customer;
    return true;
  }
}
