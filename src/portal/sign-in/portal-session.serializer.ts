import { Injectable } from '@nestjs/common';
import { AccountsService } from '../../auth/customer/accounts.service';
import type { PortalCustomer, PortalSessionSubject } from './portal-customer';

type Done<T> = (error: unknown, value?: T | false) => void;

/**
 * The session keeps only the account id and token version. Every request checks them as the
 * API's bearer tokens are checked: a password change elsewhere, "sign out everywhere" or a
 * disabled account bumps the version, and the session is then signed out.
 */
@Injectable()
export class PortalSessionSerializer {
  constructor(private readonly accounts: AccountsService) {}

  /** passport hands over what the strategy (or `req.login`) gave it: a PortalCustomer. */
  serializeUser = (user: Express.User, done: Done<PortalSessionSubject>): void => {
    const customer = user as PortalCustomer;
    done(null, { accountId: customer.accountId, tokenVersion: customer.tokenVersion });
  };

  deserializeUser = (subject: unknown, done: Done<PortalCustomer>): void => {
    if (!isSubject(subject)) return done(null, false);
    this.accounts.findAuthenticated(subject.accountId, subject.tokenVersion).then(
      (customer) =>
        done(null, customer ? { ...customer, tokenVersion: subject.tokenVersion } : false),
      (error: unknown) => done(error),
    );
  };
}

function isSubject(value: unknown): value is PortalSessionSubject {
  const subject = value as Partial<PortalSessionSubject> | null;
  return (
    typeof subject?.accountId === 'string' &&
    typeof subject.tokenVersion === 'number' &&
    Number.isInteger(subject.tokenVersion)
  );
}
