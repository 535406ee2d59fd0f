import { ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { AuthGuard, IAuthModuleOptions } from '@nestjs/passport';
import { AuthErrorCode, AuthException } from '../auth.exception';
import { CUSTOMER_JWT_STRATEGY } from './customer-jwt.strategy';

/**
 * Bearer JWT for customer routes, through passport's JWT strategy (CustomerJwtStrategy): besides
 * the signature and expiry it checks, on every request, that the account is still active and
 * that the token's version is the account's current one (password change/reset, "sign out
 * everywhere" and disabling bump it, which revokes every older token). The customer lands on
 * `request.customer`.
 */
@Injectable()
export class CustomerAuthGuard extends AuthGuard(CUSTOMER_JWT_STRATEGY) {
  override getAuthenticateOptions(): IAuthModuleOptions {
    return { session: false, property: 'customer' };
  }

  override handleRequest<TCustomer>(
    error: unknown,
    customer: TCustomer | false,
    _info: unknown,
    _context: ExecutionContext,
  ): TCustomer {
    // A failing lookup (the database) is not the caller's fault: it stays a server error.
    if (error instanceof Error) throw error;
    if (error) throw new Error('The customer JWT strategy failed without an Error');
    if (!customer) throw unauthenticated();
    return customer;
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
