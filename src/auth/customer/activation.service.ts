import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Locale } from '../../common/locale';
import { Clock } from '../../common/time/clock';
import { AuthErrorCode, AuthException } from '../auth.exception';
import { AccountMails } from './account-mails';
import { CompanyAccountsService } from './company-accounts.service';
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
    private readonly companyAccounts: CompanyAccountsService,
  ) {}

  /** A new 24-hour link (older ones stop working) and its mail, in the caller's transaction. */
  async sendActivation(manager: EntityManager, account: MailRecipient): Promise<void> {
    const issued = await this.tokens.issue(manager, account.id, TokenPurpose.ACTIVATION);
    await this.mails.activation(manager, account, issued);
  }

  /**
   * Uses the link: exactly one of any number of concurrent calls activates the account. The
   * other registrations of the same order still pending then, under other emails (a mistyped
   * address, a stranger's), are closed in the same transaction: their links stop working and
   * say why, and the order can be registered again later.
   */
  async activate(token: string): Promise<{ accountId: string }> {
    try {
      return await this.activateInTransaction(token);
    } catch (error) {
      if (error instanceof AuthException && error.code === String(AuthErrorCode.TOKEN_SUPERSEDED)) {
        throw (await this.closedRegistration(token)) ?? error;
      }
      throw error;
    }
  }

  private activateInTransaction(token: string): Promise<{ accountId: string }> {
    return this.dataSource.transaction(async (manager) => {
      const { accountId } = await this.tokens.consume(manager, token, TokenPurpose.ACTIVATION);
      const now = this.clock.now();
      const [activated] = await manager.query<
        [
          {
            id: string;
            email: string;
            customer_id: string;
            registration_order_id: string | null;
          }[],
          number,
        ]
      >(
        `UPDATE customer_accounts SET status = 'active', activated_at = $2, updated_at = $2
          WHERE id = $1 AND status = 'pending'
        RETURNING id, email, customer_id, registration_order_id`,
        [accountId, now],
      );
      const account = activated[0];
      if (!account) {
        // Disabled while pending: the rollback leaves the token unused.
        throw new AuthException(
          HttpStatus.CONFLICT,
          AuthErrorCode.ACCOUNT_NOT_PENDING,
          'This account cannot be activated any more. Please contact customer service.',
        );
      }
      await manager.query(
        `WITH closed AS (
           UPDATE customer_accounts other
              SET status = 'expired', superseded_at = $2, updated_at = $2
             FROM customer_accounts activated
            WHERE activated.id = $1 AND other.registration_order_id = activated.registration_order_id
              AND other.status = 'pending' AND other.id <> activated.id
           RETURNING other.id)
         UPDATE account_tokens SET revoked_at = $2
          WHERE account_id IN (SELECT id FROM closed) AND used_at IS NULL AND revoked_at IS NULL`,
        [accountId, now],
      );
      await this.companyAccounts.announceNewAccount(manager, {
        id: account.id,
        email: account.email,
        customerId: account.customer_id,
        registrationOrderId: account.registration_order_id,
        activatedAt: now,
      });
      return { accountId };
    });
  }

  /** The answer for the link of a registration closed by another one's activation, if it is one. */
  private async closedRegistration(token: string): Promise<AuthException | null> {
    const accountId = await this.tokens.accountOf(this.dataSource.manager, token);
    if (!accountId) return null;
    const [row] = await this.dataSource.query<{ superseded_at: Date | null }[]>(
      'SELECT superseded_at FROM customer_accounts WHERE id = $1',
      [accountId],
    );
    if (!row?.superseded_at) return null;
    return new AuthException(
      HttpStatus.GONE,
      AuthErrorCode.REGISTRATION_CLOSED,
      'Another email address registered with the same order number has been activated, so this ' +
        'registration was closed. To have an account of your own, register again with the order number.',
    );
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
        WHERE a.id = $1 AND a.status = 'expired' AND a.superseded_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM customer_accounts o
                           WHERE o.email = a.email AND o.status <> 'expired')
        RETURNING a.id`,
      [accountId, this.clock.now()],
    );
    return rows.length === 1;
  }
}
