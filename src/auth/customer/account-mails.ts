import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Locale } from '../../common/locale';
import { AppConfig } from '../../config/app-config';
import { CUSTOMER_SERVICE_PHONE } from '../../notifications/mail-catalogue';
import { NotificationsService } from '../../notifications/notifications.service';
import { IssuedToken } from './tokens/one-time-tokens';

interface Recipient {
  id: string;
  email: string;
  locale: Locale;
}

/**
 * The account mails, enqueued in the caller's transaction (outbox): a rollback sends nothing.
 * Link URLs carry the token in the query string; the request logger redacts `token=`.
 */
@Injectable()
export class AccountMails {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly config: AppConfig,
  ) {}

  /** The page a link opens (`/activate`, `/reset-password`, …) with its token. */
  linkTo(path: string, token: string): string {
    return `${this.config.publicBaseUrl}${path}?token=${encodeURIComponent(token)}`;
  }

  activation(manager: EntityManager, account: Recipient, issued: IssuedToken): Promise<unknown> {
    return this.notifications.enqueue(manager, {
      to: account.email,
      template: 'account-activation',
      locale: account.locale,
      context: {
        activationUrl: this.linkTo('/activate', issued.token),
        expiresAt: issued.expiresAt.toISOString(),
      },
      dedupeKey: `account-activation:${issued.id}`,
    });
  }

  /** `bucket` limits these to one per account per period (the caller picks the period). */
  alreadyExists(manager: EntityManager, account: Recipient, bucket: string): Promise<unknown> {
    return this.notifications.enqueue(manager, {
      to: account.email,
      template: 'account-already-exists',
      locale: account.locale,
      context: {
        loginUrl: `${this.config.publicBaseUrl}/login`,
        forgotPasswordUrl: `${this.config.publicBaseUrl}/forgot-password`,
      },
      dedupeKey: `account-already-exists:${account.id}:${bucket}`,
    });
  }

  passwordReset(manager: EntityManager, account: Recipient, issued: IssuedToken): Promise<unknown> {
    return this.notifications.enqueue(manager, {
      to: account.email,
      template: 'password-reset',
      locale: account.locale,
      context: {
        resetUrl: this.linkTo('/reset-password', issued.token),
        expiresAt: issued.expiresAt.toISOString(),
      },
      dedupeKey: `password-reset:${issued.id}`,
    });
  }

  signInLink(manager: EntityManager, account: Recipient, issued: IssuedToken): Promise<unknown> {
    return this.notifications.enqueue(manager, {
      to: account.email,
      template: 'sign-in-link',
      locale: account.locale,
      context: {
        signInUrl: this.linkTo('/sign-in-link', issued.token),
        expiresAt: issued.expiresAt.toISOString(),
      },
      dedupeKey: `sign-in-link:${issued.id}`,
    });
  }

  passwordChanged(
    manager: EntityManager,
    account: Recipient,
    changedAt: Date,
    tokenVersion: number,
  ): Promise<unknown> {
    return this.notifications.enqueue(manager, {
      to: account.email,
      template: 'password-changed',
      locale: account.locale,
      context: { changedAt: changedAt.toISOString(), supportPhone: CUSTOMER_SERVICE_PHONE },
      dedupeKey: `password-changed:${account.id}:${tokenVersion}`,
    });
  }

  emailChangeConfirmation(
    manager: EntityManager,
    account: Recipient,
    newEmail: string,
    issued: IssuedToken,
  ): Promise<unknown> {
    return this.notifications.enqueue(manager, {
      to: newEmail,
      template: 'email-change-confirmation',
      locale: account.locale,
      context: {
        confirmUrl: this.linkTo('/confirm-email-change', issued.token),
        newEmail,
        expiresAt: issued.expiresAt.toISOString(),
      },
      dedupeKey: `email-change-confirmation:${issued.id}`,
    });
  }

  /** To the order's contact email or another account of the company: which email joined. */
  accountJoined(
    manager: EntityManager,
    recipient: Pick<Recipient, 'email' | 'locale'>,
    joined: { id: string; email: string },
    details: { joinedOn: string; orderNumber: string },
  ): Promise<unknown> {
    return this.notifications.enqueue(manager, {
      to: recipient.email,
      template: 'account-joined',
      locale: recipient.locale,
      context: {
        joinedEmail: joined.email,
        joinedOn: details.joinedOn,
        orderNumber: details.orderNumber,
        accountsUrl: `${this.config.publicBaseUrl}/account`,
        supportPhone: CUSTOMER_SERVICE_PHONE,
      },
      dedupeKey: `account-joined:${joined.id}:${recipient.email}`,
    });
  }

  /** To the old address, after the change; `changeId` identifies the change (once per change). */
  emailChangedNotice(
    manager: EntityManager,
    oldAccount: Recipient,
    newEmail: string,
    changeId: string,
  ): Promise<unknown> {
    return this.notifications.enqueue(manager, {
      to: oldAccount.email,
      template: 'email-changed-notice',
      locale: oldAccount.locale,
      context: { newEmail, supportPhone: CUSTOMER_SERVICE_PHONE },
      dedupeKey: `email-changed-notice:${changeId}`,
    });
  }
}
