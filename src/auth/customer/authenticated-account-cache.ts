import { Injectable, OnModuleInit } from '@nestjs/common';
import { DatabaseNotifications } from '../../database/database-notifications';
import { NotifiedInvalidation } from '../../database/notified-invalidation';
import { AuthenticatedCustomer } from './current-customer.decorator';

/** Sent by a trigger on customer_accounts (see its migration) with the account id. */
export const CUSTOMER_ACCOUNT_CHANGED_CHANNEL = 'customer_account_changed';

/** A safety net only (notifications drop entries); measured on the monotonic clock. */
const TTL_MS = 60_000;
const MAX_ENTRIES = 20_000;

interface Entry {
  tokenVersion: number;
  customer: AuthenticatedCustomer;
  expiresAt: number;
}

/**
 * The guard's account check (active, token version current) for accounts seen in the last
 * minute, so an authenticated request costs one database round trip less.
 *
 * It is only trusted while this instance LISTENs for `customer_account_changed`: a trigger on
 * customer_accounts notifies every instance on commit of any change that matters (status,
 * token version, email, locale, customer), whoever writes it, and the entry is dropped. While the
 * listener is down nothing is cached, and a lookup that raced with a change is not remembered
 * (NotifiedInvalidation).
 */
@Injectable()
export class AuthenticatedAccountCache implements OnModuleInit {
  private readonly entries = new Map<string, Entry>();
  private readonly invalidation = new NotifiedInvalidation(
    CUSTOMER_ACCOUNT_CHANGED_CHANNEL,
    (accountId) =>
      accountId === undefined ? this.entries.clear() : this.entries.delete(accountId),
  );

  constructor(private readonly notifications: DatabaseNotifications) {}

  onModuleInit(): void {
    this.invalidation.subscribe(this.notifications);
  }

  /** The cached answer for this account and token version, if there is one. */
  get(accountId: string, tokenVersion: number): AuthenticatedCustomer | undefined {
    const entry = this.entries.get(accountId);
    if (!entry || entry.tokenVersion !== tokenVersion) return undefined;
    if (entry.expiresAt <= performance.now()) {
      this.entries.delete(accountId);
      return undefined;
    }
    return entry.customer;
  }

  /** Taken before reading the account; `remember` keeps the result only if it is still the same. */
  currentGeneration(): number {
    return this.invalidation.currentGeneration();
  }

  remember(generation: number, tokenVersion: number, customer: AuthenticatedCustomer): void {
    if (!this.invalidation.mayKeep(generation)) return;
    if (this.entries.size >= MAX_ENTRIES) {
      // Maps iterate in insertion order: drop the oldest.
      this.entries.delete(this.entries.keys().next().value!);
    }
    this.entries.set(customer.accountId, {
      tokenVersion,
      customer,
      expiresAt: performance.now() + TTL_MS,
    });
  }

  /** For write paths, after their commit: no wait for the notification. */
  forget(accountId: string): void {
    this.invalidation.changed(accountId);
  }
}
