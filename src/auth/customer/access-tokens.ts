import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { verify } from 'jsonwebtoken';
import { createSecretKey, type KeyObject } from 'node:crypto';
import { Clock } from '../../common/time/clock';
import { AppConfig } from '../../config/app-config';

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

/** Enough for every customer signed in within a token's lifetime on a busy instance. */
const MAX_VERIFIED_TOKENS = 10_000;

/** What a valid access token says: the account and its token version when it was issued. */
export interface AccessTokenSubject {
  accountId: string;
  tokenVersion: number;
}

/** Signs and verifies customer access tokens (JWT), with time taken from `Clock`. */
@Injectable()
export class AccessTokens {
  /**
   * Made once: given the secret as a string, jsonwebtoken first tries to parse it as a public key
   * on every verification, which is costly on every authenticated request. The API's passport
   * JWT strategy verifies with it too.
   */
  readonly verificationKey: KeyObject;

  /**
   * Tokens whose signature and claims were checked, with what they say: a customer's requests
   * repeat one token, and checking it again (base64, JSON, HMAC) is needless work. Only tokens this API signed get in, so the map cannot be filled with junk; expiry
   * is still checked on every use.
   */
  private readonly verified = new Map<string, AccessTokenSubject & { exp: number }>();

  constructor(
    private readonly jwt: JwtService,
    private readonly clock: Clock,
    config: AppConfig,
  ) {
    this.verificationKey = createSecretKey(Buffer.from(config.jwtSecret, 'utf8'));
  }

  issue(accountId: string, tokenVersion: number): { accessToken: string; expiresIn: number } {
    const claims: AccessTokenClaims & { iat: number } = {
      sub: accountId,
      ver: tokenVersion,
      iat: this.nowSeconds(),
    };
    const accessToken = this.jwt.sign(claims, { expiresIn: ACCESS_TOKEN_TTL_SECONDS });
    return { accessToken, expiresIn: ACCESS_TOKEN_TTL_SECONDS };
  }

  /**
   * The subject of a token that is signed by this API (algorithm, audience and issuer pinned),
   * not expired by the app's Clock, and well formed; otherwise null. Whether the account is
   * still active and the version current is the caller's check (CustomerAuthGuard).
   */
  verify(token: string): AccessTokenSubject | null {
    const claims = this.verified.get(token) ?? this.checkSignatureAndClaims(token);
    if (!claims) return null;
    if (claims.exp <= this.nowSeconds()) {
      this.verified.delete(token);
      return null;
    }
    return { accountId: claims.accountId, tokenVersion: claims.tokenVersion };
  }

  /**
   * What claims whose signature was already checked (by passport's JWT strategy) say, if they are
   * well formed and not expired by the app's Clock; otherwise null.
   */
  subjectOfVerifiedClaims(claims: unknown): AccessTokenSubject | null {
    const checked = wellFormed(claims);
    if (!checked || checked.exp <= this.nowSeconds()) return null;
    return { accountId: checked.accountId, tokenVersion: checked.tokenVersion };
  }

  private checkSignatureAndClaims(token: string): (AccessTokenSubject & { exp: number }) | null {
    let claims: string | { sub?: unknown; ver?: unknown; exp?: unknown };
    try {
      claims = verify(token, this.verificationKey, {
        algorithms: [ACCESS_TOKEN_ALGORITHM],
        audience: ACCESS_TOKEN_AUDIENCE,
        issuer: ACCESS_TOKEN_ISSUER,
        // Expiry is checked by the caller against the Clock, so that time-based rules are testable.
        ignoreExpiration: true,
      });
    } catch {
      return null;
    }
    const checked = wellFormed(claims);
    if (!checked) return null;
    if (this.verified.size >= MAX_VERIFIED_TOKENS) {
      // Maps iterate in insertion order: drop the oldest.
      this.verified.delete(this.verified.keys().next().value!);
    }
    this.verified.set(token, checked);
    return checked;
  }

  private nowSeconds(): number {
    return Math.floor(this.clock.now().getTime() / 1000);
  }
}

function wellFormed(claims: unknown): (AccessTokenSubject & { exp: number }) | null {
  if (typeof claims !== 'object' || claims === null) return null;
  const { sub, ver, exp } = claims as { sub?: unknown; ver?: unknown; exp?: unknown };
  if (typeof exp !== 'number' || typeof sub !== 'string') return null;
  if (typeof ver !== 'number' || !Number.isInteger(ver)) return null;
  return { accountId: sub, tokenVersion: ver, exp };
}
