import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Locale } from '../../common/locale';
import { Clock } from '../../common/time/clock';
import { inTransaction } from '../../database/transaction';
import { AuthErrorCode, AuthException } from '../auth.exception';
import { PasswordHasher } from '../passwords/password-hasher';
import { ActivationService } from './activation.service';
import { AuthenticatedAccountCache } from './authenticated-account-cache';
import { CustomerAccountsRepository } from './customer-accounts.repository';
import { AuthenticatedCustomer } from './current-customer.decorator';
import { isUuid, normalizeEmail } from './email-address';
import { AccountStatus } from './entities/account-status';
import { UQ_CUSTOMER_ACCOUNTS_EMAIL } from './entities/customer-account.entity';
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
@Injectable()
export class AccountsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly passwords: PasswordHasher,
    private readonly activation: ActivationService,
    private readonly clock: Clock,
    private readonly authenticatedAccounts: AuthenticatedAccountCache,
    private readonly accounts: CustomerAccountsRepository,
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
    const row = await this.accounts.findActive(accountId, tokenVersion);
    if (!row) return null;
    const customer: AuthenticatedCustomer = {
      accountId: row.id,
      customerId: row.customerId,
      email: row.email,
      locale: row.locale,
    };
    this.authenticatedAccounts.remember(generation, tokenVersion, customer);
    return customer;
  }

  async getProfile(accountId: string): Promise<AccountProfile> {
    const account = await this.accounts.findById(this.checkedId(accountId));
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
      const accountId = await this.accounts.insertActivated({
        customerId: input.customerId,
        email: normalizeEmail(input.email),
        passwordHash,
        locale: input.locale,
        at: now,
      });
      return { accountId };
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
      const account = await this.accounts.findForUpdate(manager, id);
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
    const disabled = await this.accounts.disable(db, this.checkedId(accountId), this.clock.now());
    if (!disabled) {
      if (!(await this.accounts.exists(db, accountId))) throw this.notFound();
      // Already disabled (or a released registration): nothing to do, the end state holds.
    }
    // Committed already unless the caller's transaction is still open (then the trigger's
    // notification drops the cached session on commit).
    if (!manager?.queryRunner?.isTransactionActive) this.authenticatedAccounts.forget(accountId);
  }

  /** The account's language for pages and mails (the portal's language switch). */
  async changeLocale(accountId: string, locale: Locale): Promise<void> {
    await this.accounts.changeLocale(this.checkedId(accountId), locale, this.clock.now());
    this.authenticatedAccounts.forget(accountId);
  }

  /**
   * "Sign out everywhere": the token version moves on, so every portal session and access token
   * issued before stops working, the caller's own included.
   */
  async endEverySession(accountId: string): Promise<void> {
    await this.accounts.revokeTokens(this.checkedId(accountId), this.clock.now());
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
