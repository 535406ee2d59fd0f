import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Locale } from '../../common/locale';
import { toBusinessDate } from '../../common/time/business-date';
import { Clock } from '../../common/time/clock';
import { OrdersService } from '../../orders/orders.service';
import { AuthErrorCode, AuthException } from '../auth.exception';
import { AccountMails } from './account-mails';
import { isUuid, normalizeEmail } from './email-address';

/** An account of the company, as its other accounts see it. */
export interface CompanyAccount {
  id: string;
  email: string;
  /** Business date (Asia/Shanghai) of activation. */
  since: string;
  /** The account asking. */
  isYou: boolean;
}

export interface NewAccount {
  id: string;
  email: string;
  customerId: string;
  registrationOrderId: string | null;
  activatedAt: Date;
}

/**
 * The order number is a weak credential: whoever has it can register an account that sees the
 * company's bills, titles and addresses. So the company hears of every new account, sees its
 * accounts, and can report one to support, who can disable it (back office).
 */
@Injectable()
export class CompanyAccountsService {
  private readonly logger = new Logger('CompanyAccounts');

  constructor(
    private readonly dataSource: DataSource,
    private readonly orders: OrdersService,
    private readonly mails: AccountMails,
    private readonly clock: Clock,
  ) {}

  /**
   * In the activation's transaction: tells the order's contact email (from the payment
   * platform) and the company's other active accounts which email joined.
   */
  async announceNewAccount(manager: EntityManager, account: NewAccount): Promise<void> {
    // Registrations from before accounts kept their order are not announced.
    if (!account.registrationOrderId) return;
    const order = await this.orders.findOrderById(account.registrationOrderId, manager);
    if (!order) return;
    const others = await manager.query<{ email: string; locale: Locale }[]>(
      `SELECT email, locale FROM customer_accounts
        WHERE customer_id = $1 AND status = 'active' AND id <> $2`,
      [account.customerId, account.id],
    );
    const recipients = new Map<string, Locale>();
    const contact = normalizeEmail(order.contactEmail);
    if (contact !== account.email) {
      recipients.set(contact, order.locale);
    }
    for (const other of others) recipients.set(other.email, other.locale);
    const joinedOn = toBusinessDate(account.activatedAt);
    for (const [email, locale] of recipients) {
      await this.mails.accountJoined(manager, { email, locale }, account, {
        joinedOn,
        orderNumber: order.orderNumber,
      });
    }
  }

  /** The company's active accounts, oldest first. */
  async listForCustomer(customerId: string, viewerAccountId: string): Promise<CompanyAccount[]> {
    const rows = await this.dataSource.query<
      { id: string; email: string; activated_at: Date | null; created_at: Date }[]
    >(
      `SELECT id, email, activated_at, created_at FROM customer_accounts
        WHERE customer_id = $1 AND status = 'active'
        ORDER BY activated_at NULLS FIRST, created_at, id`,
      [customerId],
    );
    return rows.map((row) => ({
      id: row.id,
      email: row.email,
      since: toBusinessDate(new Date(row.activated_at ?? row.created_at)),
      isYou: row.id === viewerAccountId,
    }));
  }

  /**
   * Reports another account of the company to support: recorded once per reporter (a repeat
   * changes nothing) and marked on the account for the back office.
   */
  async report(
    reporter: { accountId: string; customerId: string },
    accountId: string,
    message: string | undefined,
  ): Promise<void> {
    if (!isUuid(accountId)) throw notFound();
    if (accountId === reporter.accountId) {
      throw new AuthException(
        HttpStatus.UNPROCESSABLE_ENTITY,
        AuthErrorCode.CANNOT_REPORT_SELF,
        'You cannot report your own account. To close it, call customer service.',
      );
    }
    const now = this.clock.now();
    const [reported] = await this.dataSource.query<{ id: string }[]>(
      `WITH reported AS (
         UPDATE customer_accounts SET reported_at = $4
          WHERE id = $1 AND customer_id = $2 AND status IN ('active', 'disabled')
         RETURNING id)
       INSERT INTO account_reports (account_id, reported_by_account_id, message, created_at)
       SELECT id, $3, $5, $4 FROM reported
       ON CONFLICT (account_id, reported_by_account_id) DO NOTHING
       RETURNING account_id`,
      [accountId, reporter.customerId, reporter.accountId, now, message ?? null],
    );
    if (!reported) {
      const [exists] = await this.dataSource.query<unknown[]>(
        `SELECT 1 FROM customer_accounts WHERE id = $1 AND customer_id = $2 AND status <> 'expired'`,
        [accountId, reporter.customerId],
      );
      // Reported before by the same account: the first report stands.
      if (!exists) throw notFound();
      return;
    }
    this.logger.warn(`Account ${accountId} reported to support by account ${reporter.accountId}`);
  }
}

function notFound(): AuthException {
  return new AuthException(
    HttpStatus.NOT_FOUND,
    AuthErrorCode.ACCOUNT_NOT_FOUND,
    "There is no such account among your company's accounts.",
  );
}
