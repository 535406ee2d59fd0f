import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Clock } from '../../common/time/clock';

/** Access tokens are for this API only; a token minted for anything else is refused. */
export const ACCESS_TOKEN_AUDIENCE = 'fapiao:customer-api';
export const ACCESS_TOKEN_ISSUER = 'fapiao';
/** Pinned on sign and verify: `alg: none` or an RS/HS confusion is never accepted. */
export const ACCESS_TOKEN_ALGORITHM = 'HS256';
export const ACCESS_TOKEN_TTL_SECONDS = 60 * 60;

interface AccessTokenClaims {
  sub: string;
  /** The account's token version when the token was issued. */
  ver: number;
}

/** Signs customer access tokens (JWT) with time taken from `Clock`; CustomerJwtStrategy verifies them. */
@Injectable()
export class AccessTokens {
  constructor(
    private readonly jwt: JwtService,
    private readonly clock: Clock,
  ) {}

  issue(accountId: string, tokenVersion: number): { accessToken: string; expiresIn: number } {
    const claims: AccessTokenClaims & { iat: number } = {
      sub: accountId,
      ver: tokenVersion,
      iat: this.nowSeconds(),
    };
    const accessToken = this.jwt.sign(claims, { expiresIn: ACCESS_TOKEN_TTL_SECONDS });
    return { accessToken, expiresIn: ACCESS_TOKEN_TTL_SECONDS };
  }

  private nowSeconds(): number {
    return Math.floor(this.clock.now().getTime() / 1000);
  }
}
