import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FailureLimiter } from '../../common/throttling/failure-limiter';
import { Clock } from '../../common/time/clock';
import { AuthErrorCode, AuthException } from '../auth.exception';
import { PasswordHasher } from '../passwords/password-hasher';
import { AccessTokens } from './access-tokens';
import { normalizeEmail } from './email-address';
import { ACCOUNT_FAILURE_LIMIT, LOGIN_FAILURE_LIMIT, sourceKey } from './login-limits';
import { AccountStatus } from './entities/account-status';
import { SignInLinkService } from './sign-in-link.service';

// Where the limits live since they are shared with the sign-in link.
export { ACCOUNT_FAILURE_LIMIT, LOGIN_FAILURE_LIMIT } from './login-limits';

export interface LoginResult {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

interface LoginRow {
  id: string;
  status: AccountStatus;
  password_hash: string;
  token_version: number;
}

@Injectable()
export class LoginService {
  private readonly logger = new Logger('CustomerLogin');

  constructor(
    private readonly dataSource: DataSource,
    private readonly passwords: PasswordHasher,
    private readonly tokens: AccessTokens,
    private readonly failures: FailureLimiter,
    private readonly clock: Clock,
    private readonly signInLinks: SignInLinkService,
  ) {}

  /**
   * Unknown email and wrong password look the same (status, body, and time: a dummy hash is
   * verified). The locks count per email, known or not, so they reveal nothing either.
   * `source` is the client's address (`req.ip`); failures are counted per email and source,
   * and per email across sources (see the limits above).
   */
  async login(rawEmail: string, password: string, source?: string): Promise<LoginResult> {
    const email = normalizeEmail(rawEmail);
    const fromSource = sourceKey(email, source);
    const lockedFor = Math.max(
      await this.failures.retryAfterSeconds(LOGIN_FAILURE_LIMIT, fromSource),
      await this.failures.retryAfterSeconds(ACCOUNT_FAILURE_LIMIT, email),
    );
    if (lockedFor > 0) {
      this.logger.warn(`Sign-in refused while locked (source ${source ?? 'unknown'})`);
      throw tooManyFailures(lockedFor);
    }

    const rows = await this.dataSource.query<LoginRow[]>(
      `SELECT id, status, password_hash, token_version FROM customer_accounts
        WHERE email = $1 AND status <> 'expired'`,
      [email],
    );
    const account = rows[0];
    const valid = account
      ? await this.passwords.verify(account.password_hash, password)
      : await this.passwords.verifyAgainstNothing(password);
    if (!account || !valid) {
      // The failure that reaches a limit still answers 401; the next attempt gets the 429.
      await this.failures.recordFailure(LOGIN_FAILURE_LIMIT, fromSource);
      const accountLocked = await this.failures.recordFailure(ACCOUNT_FAILURE_LIMIT, email);
      // Neither the email nor the password is logged; the account id says whose it was.
      this.logger.warn(
        `Failed sign-in for ${account ? `account ${account.id}` : 'an unknown email'} ` +
          `from ${source ?? 'unknown'}${accountLocked > 0 ? '; password sign-in locked' : ''}`,
      );
      if (accountLocked > 0 && account) await this.signInLinks.mailLink(email);
      throw new AuthException(
        HttpStatus.UNAUTHORIZED,
        AuthErrorCode.INVALID_CREDENTIALS,
        'The email or password is not correct.',
      );
    }
    await this.failures.clear(LOGIN_FAILURE_LIMIT, fromSource);
    this.refuseUnlessActive(account.status);
    await this.recordLogin(account, password);
    return { ...this.tokens.issue(account.id, account.token_version), tokenType: 'Bearer' };
  }

  private refuseUnlessActive(status: AccountStatus): void {
    if (status === AccountStatus.PENDING) {
      throw new AuthException(
        HttpStatus.FORBIDDEN,
        AuthErrorCode.ACCOUNT_NOT_ACTIVATED,
        'This account is not activated yet. Open the link in the activation email, or ask for a ' +
          'new one with POST /api/v1/auth/resend-activation.',
        { extensions: { resendActivation: '/api/v1/auth/resend-activation' } },
      );
    }
    if (status === AccountStatus.DISABLED) {
      throw new AuthException(
        HttpStatus.FORBIDDEN,
        AuthErrorCode.ACCOUNT_DISABLED,
        'This account has been disabled. Please contact customer service.',
      );
    }
  }

  /** Notes the login time and upgrades the hash when the argon2 parameters were raised. */
  private async recordLogin(account: LoginRow, password: string): Promise<void> {
    const newHash = this.passwords.needsRehash(account.password_hash)
      ? await this.passwords.hash(password)
      : null;
    await this.dataSource.query(
      `UPDATE customer_accounts
          SET last_login_at = $2, password_hash = COALESCE($3, password_hash)
        WHERE id = $1`,
      [account.id, this.clock.now(), newHash],
    );
  }
}

function tooManyFailures(retryAfterSeconds: number): AuthException {
  return new AuthException(
    HttpStatus.TOO_MANY_REQUESTS,
    AuthErrorCode.TOO_MANY_FAILED_LOGINS,
    `Too many failed logins for this account. Try again in ${Math.ceil(retryAfterSeconds / 60)} ` +
      'minute(s), sign in with a link mailed to you (POST /api/v1/auth/sign-in-link), or reset ' +
      'the password.',
    {
      headers: { 'Retry-After': String(retryAfterSeconds) },
      extensions: { retryAfterSeconds, signInLink: '/api/v1/auth/sign-in-link' },
    },
  );
}
