import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import {
  ACCESS_TOKEN_ALGORITHM,
  ACCESS_TOKEN_AUDIENCE,
  ACCESS_TOKEN_ISSUER,
  AccessTokens,
} from './access-tokens';
import { AccountsService } from './accounts.service';
import type { AuthenticatedCustomer } from './current-customer.decorator';

export const CUSTOMER_JWT_STRATEGY = 'customer-jwt';

/**
 * The API's bearer tokens through passport-jwt: the signature, algorithm, audience and issuer
 * are checked by jsonwebtoken; expiry against the app's Clock (so time-based rules are
 * testable); then the account must be active and the token's version its current one.
 */
@Injectable()
export class CustomerJwtStrategy extends PassportStrategy(Strategy, CUSTOMER_JWT_STRATEGY) {
  constructor(
    private readonly tokens: AccessTokens,
    private readonly accounts: AccountsService,
  ) {
    const key = tokens.verificationKey;
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // jsonwebtoken takes a KeyObject (parsed once); passport-jwt's types only name strings.
      secretOrKeyProvider: (
        _request: unknown,
        _token: unknown,
        done: (e: null, k: string) => void,
      ) => done(null, key as unknown as string),
      algorithms: [ACCESS_TOKEN_ALGORITHM],
      audience: ACCESS_TOKEN_AUDIENCE,
      issuer: ACCESS_TOKEN_ISSUER,
      ignoreExpiration: true,
    });
  }

  async validate(claims: unknown): Promise<AuthenticatedCustomer | false> {
    const subject = this.tokens.subjectOfVerifiedClaims(claims);
    if (!subject) return false;
    return (
      (await this.accounts.findAuthenticated(subject.accountId, subject.tokenVersion)) ?? false
    );
  }
}
