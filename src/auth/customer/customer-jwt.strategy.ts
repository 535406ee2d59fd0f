import { Injectable } from '@nestjs/common';
import { createSecretKey } from 'node:crypto';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { Clock } from '../../common/time/clock';
import { AppConfig } from '../../config/app-config';
import { ACCESS_TOKEN_ALGORITHM, ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER } from './access-tokens';
import { AccountsService } from './accounts.service';
import { AuthenticatedCustomer } from './current-customer.decorator';

export const CUSTOMER_JWT_STRATEGY = 'customer-jwt';

interface AccessTokenPayload {
  sub?: unknown;
  ver?: unknown;
  exp?: unknown;
}

/**
 * Passport strategy for customer bearer tokens: signature, algorithm, audience and issuer are
 * pinned here; expiry is checked against the app's Clock (not the wall clock) so that time-based
 * rules are testable; the account must be active and the token's version current.
 */
@Injectable()
export class CustomerJwtStrategy extends PassportStrategy(Strategy, CUSTOMER_JWT_STRATEGY) {
  constructor(
    config: AppConfig,
    private readonly accounts: AccountsService,
    private readonly clock: Clock,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A key object made once: with a string, jsonwebtoken tries to parse it as a public key on
      // every request before falling back, which costs ~2 ms of CPU per authenticated request.
      // jsonwebtoken takes a KeyObject as is; passport-jwt's types only list string | Buffer.
      secretOrKey: createSecretKey(Buffer.from(config.jwtSecret, 'utf8')) as unknown as Buffer,
      algorithms: [ACCESS_TOKEN_ALGORITHM],
      audience: ACCESS_TOKEN_AUDIENCE,
      issuer: ACCESS_TOKEN_ISSUER,
      ignoreExpiration: true,
    });
  }

  async validate(payload: AccessTokenPayload): Promise<AuthenticatedCustomer | false> {
    const nowSeconds = Math.floor(this.clock.now().getTime() / 1000);
    if (typeof payload.exp !== 'number' || payload.exp <= nowSeconds) return false;
    if (typeof payload.sub !== 'string' || typeof payload.ver !== 'number' || !Number.isInteger(payload.ver)) {
      return false;
    }
    return (await this.accounts.findAuthenticated(payload.sub, payload.ver)) ?? false;
  }
}
