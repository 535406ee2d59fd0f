import { HttpStatus, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { AuthErrorCode, AuthException } from '../auth.exception';
import { AuthenticatedCustomer } from './current-customer.decorator';
import { CUSTOMER_JWT_STRATEGY } from './customer-jwt.strategy';

/**
 * Bearer JWT for customer routes (passport, `CustomerJwtStrategy`). Besides the signature and
 * expiry it checks, on every request, that the account is still active and that the token's
 * version is the account's current one (password change/reset and disabling bump it, which
 * revokes every older token). The customer lands on `request.customer`.
 */
@Injectable()
export class CustomerAuthGuard extends AuthGuard(CUSTOMER_JWT_STRATEGY) {
  constructor() {
    super({ property: 'customer', session: false });
  }

  override handleRequest<T = AuthenticatedCustomer>(error: unknown, customer: T | false): T {
    if (error || !customer) {
      throw new AuthException(
        HttpStatus.UNAUTHORIZED,
        AuthErrorCode.UNAUTHENTICATED,
        'Sign in first: send a valid access token as "Authorization: Bearer <token>". ' +
          'Tokens expire, and changing or resetting the password ends every earlier session.',
        { headers: { 'WWW-Authenticate': 'Bearer' } },
      );
    }
    return customer;
  }
}
