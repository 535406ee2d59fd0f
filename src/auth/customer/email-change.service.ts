import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../../common/time/clock';
import { AuthErrorCode, AuthException } from '../auth.exception';
import { PasswordHasher } from '../passwords/password-hasher';
import { AccountMails } from './account-mails';
import { normalizeEmail } from './email-address';
import { TokenPurpose } from './entities/account-token.entity';
import { CustomerAccount, UQ_CUSTOMER_ACCOUNTS_EMAIL } from './entities/customer-account.entity';
import { OneTimeTokens } from './tokens/one-time-tokens';
import { isUniqueViolation } from './unique-violation';
import { AuthenticatedAccountCache } from './authenticated-account-cache';

type AccountRow = Pick<CustomerAccount, 'id' | 'email' | 'locale'> & { password_hash: string };

/** Changing the login email: re-authenticate, confirm from the new address, notify the old one. */
@Injectable()
export class EmailChangeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly passwords: PasswordHasher,
    private readonly tokens: OneTimeTokens,
    private readonly mails: AccountMails,
    private readonly clock: Clock,
    private readonly authenticatedAccounts: AuthenticatedAccountCache,
  ) {}

  async requestEmailChange(
    accountId: string,
    rawNewEmail: string,
    password: string,
  ): Promise<void> {
    const newEmail = normalizeEmail(rawNewEmail);
    await this.dataSource.transaction(async (manager) => {
      const rows = await manager.query<AccountRow[]>(
        `SELECT id, email, locale, password_hash FROM customer_accounts
          WHERE id = $1 AND status = 'active' FOR UPDATE`,
        [accountId],
      );
      const account = rows[0];
      if (!account || !(await this.passwords.verify(account.password_hash, password))) {
        throw new AuthException(
          HttpStatus.UNPROCESSABLE_ENTITY,
          AuthErrorCode.CURRENT_PASSWORD_INCORRECT,
          'The password is not correct.',
          { errors: [{ field: 'password', message: 'password is not correct' }] },
        );
      }
      if (account.email === newEmail) {
        throw new AuthException(
          HttpStatus.UNPROCESSABLE_ENTITY,
          AuthErrorCode.EMAIL_UNCHANGED,
          'This is already the login email of the account.',
          { errors: [{ field: 'newEmail', message: 'newEmail is the current email' }] },
        );
      }
      await this.assertEmailFree(manager, newEmail);
      const issued = await this.tokens.issue(
        manager,
        account.id,
        TokenPurpose.EMAIL_CHANGE,
        newEmail,
      );
      await this.mails.emailChangeConfirmation(manager, account, newEmail, issued);
    });
  }

  /** Uses the confirmation link; the old address is told about the change. */
  async confirmEmailChange(token: string): Promise<void> {
    try {
      const accountId = await this.dataSource.transaction(async (manager) => {
        const { tokenId, accountId, newEmail } = await this.tokens.consume(
          manager,
          token,
          TokenPurpose.EMAIL_CHANGE,
        );
        const [old] = await manager.query<Pick<CustomerAccount, 'id' | 'email' | 'locale'>[]>(
          `SELECT id, email, locale FROM customer_accounts WHERE id = $1 AND status = 'active' FOR UPDATE`,
          [accountId],
        );
        if (!old || !newEmail) {
          throw new AuthException(
            HttpStatus.CONFLICT,
            AuthErrorCode.ACCOUNT_DISABLED,
            'This account cannot change its email any more. Please contact customer service.',
          );
        }
        await manager.query(
          'UPDATE customer_accounts SET email = $2, updated_at = $3 WHERE id = $1',
          [accountId, newEmail, this.clock.now()],
        );
        await this.mails.emailChangedNotice(manager, old, newEmail, tokenId);
        return accountId;
      });
      // The cached session carries the email (applications use it as the contact address).
      this.authenticatedAccounts.forget(accountId);
    } catch (error) {
      // Someone registered the address between the request and the confirmation.
      if (isUniqueViolation(error, UQ_CUSTOMER_ACCOUNTS_EMAIL)) throw emailTaken();
      throw error;
    }
  }

  private async assertEmailFree(manager: EntityManager, email: string): Promise<void> {
    const taken = await manager.query<unknown[]>(
      `SELECT 1 FROM customer_accounts WHERE email = $1 AND status <> 'expired'`,
      [email],
    );
    if (taken.length > 0) throw emailTaken();
  }
}

function emailTaken(): AuthException {
  return new AuthException(
    HttpStatus.CONFLICT,
    AuthErrorCode.EMAIL_TAKEN,
    'Another account already uses this email address.',
    { errors: [{ field: 'newEmail', message: 'newEmail belongs to another account' }] },
  );
}
