import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Locale } from '../../common/locale';
import { Clock } from '../../common/time/clock';
import { AuthErrorCode, AuthException } from '../auth.exception';
import { AccountMails } from './account-mails';
import { normalizeEmail } from './email-address';
import { TokenPurpose } from './entities/account-token.entity';
import { AccountStatus } from './entities/account-status';
import { CustomerAccount, UQ_CUSTOMER_ACCOUNTS_EMAIL } from './entities/customer-account.entity';
import { OneTimeTokens } from './tokens/one-time-tokens';
import { isUniqueViolation } from './unique-violation';

/** A customer may ask for the activation (or reset) mail at most once a minute. */
export const MAIL_REQUEST_INTERVAL_MS = 60 * 1000;

type MailRecipient = Pick<CustomerAccount, 'id' | 'email' | 'locale'>;

@Injectable()
export class ActivationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tokens: OneTimeTokens,
    private readonly mails: AccountMails,
    private readonly clock: Clock,
  ) {}

  /** A new 24-hour link (older ones stop working) and its mail, in the caller's transaction. */
  async sendActivation(manager: EntityManager, account: MailRecipient): Promise<void> {
    const issued = await this.tokens.issue(manager, account.id, TokenPurpose.ACTIVATION);
    await this.mails.activation(manager, account, issued);
  }

  /** Uses the link: exactly one of any number of concurrent calls activates the account. */
  async activate(token: string): Promise<{ accountId: string }> {
    return this.dataSource.transaction(async (manager) => {
      const { accountId } = await this.tokens.consume(manager, token, TokenPurpose.ACTIVATION);
      const [, activated] = await manager.query<[unknown, number]>(
        `UPDATE customer_accounts SET status = 'active', activated_at = $2, updated_at = $2
          WHERE id = $1 AND status = 'pending'`,
        [accountId, this.clock.now()],
      );
      if (activated !== 1) {
        // Disabled while pending: the rollback leaves the token unused.
        throw new AuthException(
          HttpStatus.CONFLICT,
          AuthErrorCode.ACCOUNT_NOT_PENDING,
          'This account cannot be activated any more. Please contact customer service.',
        );
      }
      return { accountId };
    });
  }

  /**
   * Public "resend activation": mails only a pending account (or revives a registration whose
   * link ran out and was released, if nobody has taken the email since), at most once a minute.
   * Says nothing to the caller about which case applied.
   */
  async resendByEmail(email: string): Promise<void> {
    try {
      await this.resendInTransaction(normalizeEmail(email));
    } catch (error) {
      // The email was registered again while we revived the old registration: nothing to send.
      if (!isUniqueViolation(error, UQ_CUSTOMER_ACCOUNTS_EMAIL)) throw error;
    }
  }

  private resendInTransaction(email: string): Promise<void> {
    return this.dataSource.transaction(async (manager) => {
      const rows = await manager.query<(MailRecipient & { status: AccountStatus })[]>(
        `SELECT id, email, locale, status FROM customer_accounts
          WHERE email = $1 AND status IN ('pending', 'expired')
          ORDER BY (status = 'pending') DESC, created_at DESC
          LIMIT 1
          FOR UPDATE`,
        [email],
      );
      const account = rows[0];
      if (!account) return;
      if (account.status === AccountStatus.EXPIRED && !(await this.revive(manager, account.id))) {
        return;
      }
      if (await this.askedRecently(manager, account.id, TokenPurpose.ACTIVATION)) return;
      await this.sendActivation(manager, account);
    });
  }

  /** The language of the account a token (usable or not) belongs to, for the activation page. */
  async localeOfToken(token: string): Promise<Locale | undefined> {
    const accountId = await this.tokens.accountOf(this.dataSource.manager, token);
    if (!accountId) return undefined;
    const rows = await this.dataSource.query<{ locale: Locale }[]>(
      'SELECT locale FROM customer_accounts WHERE id = $1',
      [accountId],
    );
    return rows[0]?.locale;
  }

  /** True when a mail of this purpose went to the account less than a minute ago. */
  async askedRecently(
    manager: EntityManager,
    accountId: string,
    purpose: TokenPurpose,
  ): Promise<boolean> {
    const last = await this.tokens.lastIssuedAt(manager, accountId, purpose);
    return (
      last !== null &&
      this.clock.now().getTime() - new Date(last).getTime() < MAIL_REQUEST_INTERVAL_MS
    );
  }

  /** Back to pending, unless the email has meanwhile been registered again (unique index). */
  private async revive(manager: EntityManager, accountId: string): Promise<boolean> {
    const [rows] = await manager.query<[{ id: string }[], number]>(
      `UPDATE customer_accounts a SET status = 'pending', updated_at = $2
        WHERE a.id = $1 AND a.status = 'expired'
          AND NOT EXISTS (SELECT 1 FROM customer_accounts o
                           WHERE o.email = a.email AND o.status <> 'expired')
        RETURNING a.id`,
      [accountId, this.clock.now()],
    );
    return rows.length === 1;
  }
}
