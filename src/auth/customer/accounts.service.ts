import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Locale } from '../../common/locale';
import { Clock } from '../../common/time/clock';
import { inTransaction } from '../../database/transaction';
import { AuthErrorCode, AuthException } from '../auth.exception';
import { PasswordHasher } from '../passwords/password-hasher';
import { ActivationService } from './activation.service';
import { AuthenticatedAccountCache } from './authenticated-account-cache';
import { AuthenticatedCustomer } from './current-customer.decorator';
import { isUuid, normalizeEmail } from './email-address';
import { AccountStatus } from './entities/account-status';
import { CustomerAccount, UQ_CUSTOMER_ACCOUNTS_EMAIL } from './entities/customer-account.entity';
import { isUniqueViolation } from './unique-violation';

export interface AccountProfile {
  id: string;
  customerId: string;
  email: string;
  locale: Locale;
  status: AccountStatus;
  activatedAt: Date | null;
  lastLoginAt: Date | null;
  createdAt: Date;
}

/**
 * Customer accounts as other modules see them: the guard's lookup, demo/test accounts, and the
 * back office's "resend activation" and "disable".
 */
interface AuthenticatedAccountRow {
  id: string;
  customer_id: string;
  email: string;
  locale: Locale;
}

@Injectable()
export class AccountsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly passwords: PasswordHasher,
    private readonly activation: ActivationService,
    private readonly clock: Clock,
    private readonly authenticatedAccounts: AuthenticatedAccountCache,
  ) {}

  /** The caller of a request, if the account is active and the token version is current. */
  async findAuthenticated(
    accountId: string,
    tokenVersion: number,
  ): Promise<AuthenticatedCustomer | null> {
    if (!isUuid(accountId)) return null;
    const cached = this.authenticatedAccounts.get(accountId, tokenVersion);
    if (cached) return cached;
    const generation = this.authenticatedAccounts.currentGeneration();
    const [row] = await this.dataSource.query<AuthenticatedAccountRow[]>(
      `SELECT id, customer_id, email, locale FROM customer_accounts
        WHERE id = $1 AND status = 'active' AND token_version = $2`,
      [accountId, tokenVersion],
    );
    if (!row) return null;
    const customer: AuthenticatedCustomer = {
      accountId: row.id,
      customerId: row.customer_id,
      email: row.email,
      locale: row.locale,
    };
    this.authenticatedAccounts.remember(generation, tokenVersion, customer);
    return customer;
  }

  async getProfile(accountId: string): Promise<AccountProfile> {
    const account = await this.dataSource
      .getRepository(CustomerAccount)
      .findOneBy({ id: this.checkedId(accountId) });
    if (!account) throw this.notFound();
    const { id, customerId, email, locale, status, activatedAt, lastLoginAt, createdAt } = account;
    return { id, customerId, email, locale, status, activatedAt, lastLoginAt, createdAt };
  }

  /**
   * An account that can log in at once (demo data, tests). Skips the password policy on purpose:
   * demo credentials are documented and short-lived. Throws 409 if the email is taken.
   */
  async createActivatedAccount(input: {
    customerId: string;
    email: string;
    password: string;
    locale: Locale;
  }): Promise<{ accountId: string }> {
    const now = this.clock.now();
    const passwordHash = await this.passwords.hash(input.password);
    try {
      const rows = await this.dataSource.query<{ id: string }[]>(
        `INSERT INTO customer_accounts
           (customer_id, email, password_hash, status, locale, activated_at, created_at, updated_at)
         VALUES ($1, $2, $3, 'active', $4, $5, $5, $5) RETURNING id`,
        [input.customerId, normalizeEmail(input.email), passwordHash, input.locale, now],
      );
      return { accountId: rows[0].id };
    } catch (error) {
      if (isUniqueViolation(error, UQ_CUSTOMER_ACCOUNTS_EMAIL)) {
        throw new AuthException(
          HttpStatus.CONFLICT,
          AuthErrorCode.EMAIL_TAKEN,
          'Another account already uses this email address.',
        );
      }
      throw error;
    }
  }

  /**
   * Back office: a new activation link for a pending account (older links stop working). Runs in
   * the caller's transaction when given one (so the back office's audit entry commits with it).
   */
  async resendActivation(accountId: string, manager?: EntityManager): Promise<void> {
    const id = this.checkedId(accountId);
    await inTransaction(this.dataSource, manager, async (manager) => {
      const rows = await manager.query<
        Pick<CustomerAccount, 'id' | 'email' | 'locale' | 'status'>[]
      >('SELECT id, email, locale, status FROM customer_accounts WHERE id = $1 FOR UPDATE', [id]);
      const account = rows[0];
      if (!account) throw this.notFound();
      if (account.status !== AccountStatus.PENDING) {
        throw new AuthException(
          HttpStatus.CONFLICT,
          AuthErrorCode.ACCOUNT_NOT_PENDING,
          `The account is ${account.status}; only pending accounts get activation links.`,
        );
      }
      await this.activation.sendActivation(manager, account);
    });
  }

  /**
   * Back office: the account cannot log in any more and every issued token stops working. Runs
   * in the caller's transaction when given one (one statement, so none is needed otherwise).
   */
  async disableAccount(accountId: string, manager?: EntityManager): Promise<void> {
    const db = manager ?? this.dataSource.manager;
    const [, affected] = await db.query<[unknown, number]>(
      `UPDATE customer_accounts
          SET status = 'disabled', token_version = token_version + 1, updated_at = $2
        WHERE id = $1 AND status IN ('pending', 'active')`,
      [this.checkedId(accountId), this.clock.now()],
    );
    if (affected === 0) {
      const exists = await db.query<unknown[]>('SELECT 1 FROM customer_accounts WHERE id = $1', [
        accountId,
      ]);
      if (exists.length === 0) throw this.notFound();
      // Already disabled (or a released registration): nothing to do, the end state holds.
    }
    // Committed already unless the caller's transaction is still open (then the trigger's
    // notification drops the cached session on commit).
    if (!manager?.queryRunner?.isTransactionActive) this.authenticatedAccounts.forget(accountId);
  }

  /** The account's language for pages and mails (the portal's language switch). */
  async changeLocale(accountId: string, locale: Locale): Promise<void> {
    await this.dataSource.query(
      `UPDATE customer_accounts SET locale = $2, updated_at = $3 WHERE id = $1 AND status = 'active'`,
      [this.checkedId(accountId), locale, this.clock.now()],
    );
    this.authenticatedAccounts.forget(accountId);
  }

  /**
   * "Sign out everywhere": the token version moves on, so every portal session and access token
   * issued before stops working, the caller's own included.
   */
  async endEverySession(accountId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE customer_accounts SET token_version = token_version + 1, updated_at = $2 WHERE id = $1`,
      [this.checkedId(accountId), this.clock.now()],
    );
    this.authenticatedAccounts.forget(accountId);
  }

  private checkedId(accountId: string): string {
    if (!isUuid(accountId)) throw this.notFound();
    return accountId;
  }

  private notFound(): AuthException {
    return new AuthException(
      HttpStatus.NOT_FOUND,
      AuthErrorCode.ACCOUNT_NOT_FOUND,
      'There is no such customer account.',
    );
  }
}
