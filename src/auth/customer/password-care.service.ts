import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { FailureLimiter } from '../../common/throttling/failure-limiter';
import { Clock } from '../../common/time/clock';
import { AuthErrorCode, AuthException } from '../auth.exception';
import { PasswordHasher } from '../passwords/password-hasher';
import { assertPasswordAcceptable } from '../passwords/password-policy';
import { AccountMails } from './account-mails';
import { ActivationService } from './activation.service';
import { normalizeEmail } from './email-address';
import { TokenPurpose } from './entities/account-token.entity';
import { CustomerAccount } from './entities/customer-account.entity';
import { ACCOUNT_FAILURE_LIMIT } from './login-limits';
import { OneTimeTokens } from './tokens/one-time-tokens';
import { AuthenticatedAccountCache } from './authenticated-account-cache';

type Recipient = Pick<CustomerAccount, 'id' | 'email' | 'locale'>;

/** Change password (signed in), forgotten password and reset (by a one-hour link). */
@Injectable()
export class PasswordCareService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly passwords: PasswordHasher,
    private readonly tokens: OneTimeTokens,
    private readonly mails: AccountMails,
    private readonly activation: ActivationService,
    private readonly failures: FailureLimiter,
    private readonly clock: Clock,
    private readonly authenticatedAccounts: AuthenticatedAccountCache,
  ) {}

  /**
   * Re-authenticates with the current password; every access token issued before stops working.
   * Answers the new token version, with which the caller's own session may carry on.
   */
  async changePassword(
    accountId: string,
    currentPassword: string,
    newPassword: string,
  ): Promise<{ tokenVersion: number }> {
    const [row] = await this.dataSource.query<{ password_hash: string }[]>(
      `SELECT password_hash FROM customer_accounts WHERE id = $1 AND status = 'active'`,
      [accountId],
    );
    if (!row || !(await this.passwords.verify(row.password_hash, currentPassword))) {
      throw new AuthException(
        HttpStatus.UNPROCESSABLE_ENTITY,
        AuthErrorCode.CURRENT_PASSWORD_INCORRECT,
        'The current password is not correct.',
        { errors: [{ field: 'currentPassword', message: 'currentPassword is not correct' }] },
      );
    }
    if (newPassword === currentPassword) {
      throw new AuthException(
        HttpStatus.UNPROCESSABLE_ENTITY,
        AuthErrorCode.PASSWORD_UNCHANGED,
        'The new password is the current one. Choose a different password.',
        {
          errors: [
            { field: 'newPassword', message: 'newPassword must differ from the current one' },
          ],
        },
      );
    }
    assertPasswordAcceptable(newPassword, 'newPassword');
    const newHash = await this.passwords.hash(newPassword);
    const { tokenVersion } = await this.dataSource.transaction((manager) =>
      this.replacePassword(manager, accountId, newHash),
    );
    // At once in this instance; the others by the trigger's notification.
    this.authenticatedAccounts.forget(accountId);
    return { tokenVersion };
  }

  /** Always the same answer to the caller; a reset link goes only to an active account. */
  async forgotPassword(rawEmail: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const rows = await manager.query<Recipient[]>(
        `SELECT id, email, locale FROM customer_accounts
          WHERE email = $1 AND status = 'active' FOR UPDATE`,
        [normalizeEmail(rawEmail)],
      );
      const account = rows[0];
      if (!account) return;
      if (await this.activation.askedRecently(manager, account.id, TokenPurpose.PASSWORD_RESET)) {
        return;
      }
      const issued = await this.tokens.issue(manager, account.id, TokenPurpose.PASSWORD_RESET);
      await this.mails.passwordReset(manager, account, issued);
    });
  }

  /** Sets the new password with a reset link; the link works once, and old sessions end. */
  async resetPassword(token: string, newPassword: string): Promise<void> {
    // Checked before the token is used, so a refused password does not burn the link.
    assertPasswordAcceptable(newPassword, 'newPassword');
    const newHash = await this.passwords.hash(newPassword);
    const { accountId, email } = await this.dataSource.transaction(async (manager) => {
      const { accountId } = await this.tokens.consume(manager, token, TokenPurpose.PASSWORD_RESET);
      const { email } = await this.replacePassword(manager, accountId, newHash);
      return { accountId, email };
    });
    this.authenticatedAccounts.forget(accountId);
    // Whoever reset the password owns the mailbox: lift the lock an attacker caused.
    await this.failures.clear(ACCOUNT_FAILURE_LIMIT, email);
  }

  /** New hash, token version bumped (revokes sessions), and a notice to the owner. */
  private async replacePassword(
    manager: EntityManager,
    accountId: string,
    passwordHash: string,
  ): Promise<{ email: string; tokenVersion: number }> {
    const now = this.clock.now();
    const [rows] = await manager.query<[(Recipient & { token_version: number })[], number]>(
      `UPDATE customer_accounts
          SET password_hash = $2, token_version = token_version + 1, updated_at = $3
        WHERE id = $1 AND status = 'active'
        RETURNING id, email, locale, token_version`,
      [accountId, passwordHash, now],
    );
    const account = rows[0];
    if (!account) {
      throw new AuthException(
        HttpStatus.CONFLICT,
        AuthErrorCode.ACCOUNT_DISABLED,
        'This account cannot change its password any more. Please contact customer service.',
      );
    }
    await this.mails.passwordChanged(manager, account, now, account.token_version);
    return { email: account.email, tokenVersion: account.token_version };
  }
}
