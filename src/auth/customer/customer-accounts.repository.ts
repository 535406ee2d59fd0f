import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In } from 'typeorm';
import type { Locale } from '../../common/locale';
import { AccountStatus } from './entities/account-status';
import { CustomerAccount } from './entities/customer-account.entity';

export type AccountRecipient = Pick<CustomerAccount, 'id' | 'email' | 'locale' | 'status'>;

/** Reads and writes of `customer_accounts` for AccountsService. */
@Injectable()
export class CustomerAccountsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private accounts(manager: EntityManager = this.dataSource.manager) {
    return manager.getRepository(CustomerAccount);
  }

  /** An active account whose tokens are of `tokenVersion` (the guard's check on every request). */
  findActive(
    id: string,
    tokenVersion: number,
  ): Promise<Pick<CustomerAccount, 'id' | 'customerId' | 'email' | 'locale'> | null> {
    return this.accounts().findOne({
      select: { id: true, customerId: true, email: true, locale: true },
      where: { id, status: AccountStatus.ACTIVE, tokenVersion },
    });
  }

  findById(id: string): Promise<CustomerAccount | null> {
    return this.accounts().findOneBy({ id });
  }

  async exists(manager: EntityManager, id: string): Promise<boolean> {
    return this.accounts(manager).existsBy({ id });
  }

  /** The account, locked for the caller's transaction. */
  findForUpdate(manager: EntityManager, id: string): Promise<AccountRecipient | null> {
    return this.accounts(manager).findOne({
      select: { id: true, email: true, locale: true, status: true },
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
  }

  async insertActivated(account: {
    customerId: string;
    email: string;
    passwordHash: string;
    locale: Locale;
    at: Date;
  }): Promise<string> {
    const result = await this.accounts().insert({
      customerId: account.customerId,
      email: account.email,
      passwordHash: account.passwordHash,
      status: AccountStatus.ACTIVE,
      locale: account.locale,
      activatedAt: account.at,
      createdAt: account.at,
      updatedAt: account.at,
    });
    return (result.identifiers[0] as { id: string }).id;
  }

  /** Pending or active → disabled, its tokens revoked; false when it was neither. */
  async disable(manager: EntityManager, id: string, at: Date): Promise<boolean> {
    const result = await this.accounts(manager).update(
      { id, status: In([AccountStatus.PENDING, AccountStatus.ACTIVE]) },
      { status: AccountStatus.DISABLED, tokenVersion: () => 'token_version + 1', updatedAt: at },
    );
    return (result.affected ?? 0) > 0;
  }

  async changeLocale(id: string, locale: Locale, at: Date): Promise<void> {
    await this.accounts().update({ id, status: AccountStatus.ACTIVE }, { locale, updatedAt: at });
  }

  /** Every token issued so far stops working. */
  async revokeTokens(id: string, at: Date): Promise<void> {
    await this.accounts().update(
      { id },
      { tokenVersion: () => 'token_version + 1', updatedAt: at },
    );
  }
}
