import { HttpStatus, Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Clock } from '../../../common/time/clock';
import { AuthErrorCode, AuthException } from '../../auth.exception';
import { TokenPurpose } from '../entities/account-token.entity';

export const TOKEN_LIFETIME_MS: Record<TokenPurpose, number> = {
  [TokenPurpose.ACTIVATION]: 24 * 60 * 60 * 1000,
  [TokenPurpose.PASSWORD_RESET]: 60 * 60 * 1000,
  [TokenPurpose.EMAIL_CHANGE]: 60 * 60 * 1000,
  [TokenPurpose.SIGN_IN]: 15 * 60 * 1000,
};

export interface IssuedToken {
  id: string;
  /** The secret for the link; never stored, never logged. */
  token: string;
  expiresAt: Date;
}

export interface ConsumedToken {
  tokenId: string;
  accountId: string;
  newEmail: string | null;
}

/** 256 bits from the CSPRNG, base64url: 43 characters. */
export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The single-use link tokens of customer accounts (activation, password reset, email change). */
@Injectable()
export class OneTimeTokens {
  constructor(private readonly clock: Clock) {}

  /** Issues a token and revokes every unused older one of the same purpose for the account. */
  async issue(
    manager: EntityManager,
    accountId: string,
    purpose: TokenPurpose,
    newEmail: string | null = null,
  ): Promise<IssuedToken> {
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + TOKEN_LIFETIME_MS[purpose]);
    await manager.query(
      `UPDATE account_tokens SET revoked_at = $3
        WHERE account_id = $1 AND purpose = $2 AND used_at IS NULL AND revoked_at IS NULL`,
      [accountId, purpose, now],
    );
    const token = generateToken();
    const [row] = await manager.query<{ id: string }[]>(
      `INSERT INTO account_tokens (account_id, purpose, token_hash, new_email, expires_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [accountId, purpose, hashToken(token), newEmail, expiresAt, now],
    );
    return { id: row.id, token, expiresAt };
  }

  /**
   * Uses the token up. The guarded UPDATE lets exactly one of any number of concurrent callers
   * through; the others (and every later caller) get a precise reason.
   */
  async consume(
    manager: EntityManager,
    token: string,
    purpose: TokenPurpose,
  ): Promise<ConsumedToken> {
    const now = this.clock.now();
    const tokenHash = hashToken(token);
    const [rows] = await manager.query<
      [{ id: string; account_id: string; new_email: string | null }[], number]
    >(
      `UPDATE account_tokens SET used_at = $3
        WHERE token_hash = $1 AND purpose = $2
          AND used_at IS NULL AND revoked_at IS NULL AND expires_at > $3
        RETURNING id, account_id, new_email`,
      [tokenHash, purpose, now],
    );
    if (rows.length === 1) {
      return { tokenId: rows[0].id, accountId: rows[0].account_id, newEmail: rows[0].new_email };
    }
    throw await this.whyUnusable(manager, tokenHash, purpose, now);
  }

  /** The account a token (usable or not) was issued to; for choosing a page's language. */
  async accountOf(manager: EntityManager, token: string): Promise<string | null> {
    const rows = await manager.query<{ account_id: string }[]>(
      'SELECT account_id FROM account_tokens WHERE token_hash = $1',
      [hashToken(token)],
    );
    return rows[0]?.account_id ?? null;
  }

  /** When the account's latest token of the purpose was issued (for the one-per-minute rule). */
  async lastIssuedAt(
    manager: EntityManager,
    accountId: string,
    purpose: TokenPurpose,
  ): Promise<Date | null> {
    const [row] = await manager.query<{ last: Date | null }[]>(
      'SELECT max(created_at) AS last FROM account_tokens WHERE account_id = $1 AND purpose = $2',
      [accountId, purpose],
    );
    return row?.last ?? null;
  }

  private async whyUnusable(
    manager: EntityManager,
    tokenHash: string,
    purpose: TokenPurpose,
    now: Date,
  ): Promise<AuthException> {
    const rows = await manager.query<
      { used_at: Date | null; revoked_at: Date | null; expires_at: Date }[]
    >(
      'SELECT used_at, revoked_at, expires_at FROM account_tokens WHERE token_hash = $1 AND purpose = $2',
      [tokenHash, purpose],
    );
    const found = rows[0];
    const what = LINK_NAMES[purpose];
    if (!found) {
      return new AuthException(
        HttpStatus.BAD_REQUEST,
        AuthErrorCode.TOKEN_INVALID,
        `This ${what} link is not valid. Check that the whole link was copied, or request a new one.`,
      );
    }
    if (found.used_at) {
      return new AuthException(
        HttpStatus.GONE,
        AuthErrorCode.TOKEN_ALREADY_USED,
        `This ${what} link has already been used; each link works once.`,
      );
    }
    const expiredAt = new Date(found.expires_at).toISOString();
    if (new Date(found.expires_at).getTime() <= now.getTime()) {
      return new AuthException(
        HttpStatus.GONE,
        AuthErrorCode.TOKEN_EXPIRED,
        `This ${what} link expired at ${expiredAt}; request a new one.`,
        { extensions: { expiredAt } },
      );
    }
    return new AuthException(
      HttpStatus.GONE,
      AuthErrorCode.TOKEN_SUPERSEDED,
      `This ${what} link was replaced by a newer one; use the link in the most recent email.`,
    );
  }
}

const LINK_NAMES: Record<TokenPurpose, string> = {
  [TokenPurpose.ACTIVATION]: 'activation',
  [TokenPurpose.PASSWORD_RESET]: 'password reset',
  [TokenPurpose.EMAIL_CHANGE]: 'email change',
  [TokenPurpose.SIGN_IN]: 'sign-in',
};
