import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { NotificationsService, type OutgoingMail } from '../../notifications/notifications.service';
import { ShippingService } from '../../shipping/shipping.service';
import type { FapiaoApplication } from './entities/fapiao-application.entity';

type MailTarget = Pick<FapiaoApplication, 'id' | 'orderNumber' | 'contactEmail' | 'locale'>;
type ReceiptTarget = MailTarget & Pick<FapiaoApplication, 'shipping'>;

/**
 * The customer's mails about an application, enqueued in the caller's transaction (outbox).
 * Dedupe keys are `application:<id>:<status>` (plus the parcel or the reissue), so a retried transition never mails twice.
 */
@Injectable()
export class ApplicationMails {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly shipping: ShippingService,
    private readonly config: AppConfig,
  ) {}

  /** The application's portal page (through sign-in when needed, back there after). */
  applicationUrl(id: string): string {
    return `${this.config.publicBaseUrl}/applications/${id}`;
  }

  private base(app: MailTarget) {
    return { orderNumber: app.orderNumber, applicationUrl: this.applicationUrl(app.id) };
  }

  /** The receipt for a confirmation (written with the move, see ApplicationMoves). */
  receivedMail(app: ReceiptTarget, dueDate: string): OutgoingMail<'application-received'> {
    const emails = app.shipping.deliveryEmails ?? [];
    return {
      to: app.contactEmail,
      template: 'application-received',
      locale: app.locale,
      context: {
        ...this.base(app),
        dueDate,
        deliveryMethod: app.shipping.method,
        ...(emails.length > 0 ? { deliveryEmails: emails.join(', ') } : {}),
      },
      dedupeKey: `application:${app.id}:submitted`,
    };
  }

  issued(
    manager: EntityManager,
    app: MailTarget & { shipping?: { method: string } },
    documents: { number: string; issueDate: string; amountFen: number }[],
    /** Set when the application is issued again (support: reissue after a red-letter reversal). */
    round?: string,
  ): Promise<void> {
    return this.notifications.enqueue(manager, {
      to: app.contactEmail,
      template: 'application-issued',
      locale: app.locale,
      // Delivery by email: the mail carries the PDF (MailAttachments reads it when sending).
      context: { ...this.base(app), documents, digital: app.shipping?.method === 'email' },
      dedupeKey: `application:${app.id}:issued${round ? `:${round}` : ''}`,
    });
  }

  /** A parcel went out (written with the move, see ApplicationMoves). */
  mailedOutMail(
    app: MailTarget,
    carrier: string,
    trackingNumber: string,
  ): OutgoingMail<'application-mailed-out'> {
    return {
      to: app.contactEmail,
      template: 'application-mailed-out',
      locale: app.locale,
      context: { ...this.base(app), carrier, trackingNumber },
      // Per parcel: a reissued or re-mailed fapiao goes out again with a new tracking number.
      dedupeKey: `application:${app.id}:mailed_out:${trackingNumber}`,
    };
  }

  readyForPickup(manager: EntityManager, app: MailTarget): Promise<void> {
    return this.notifications.enqueue(manager, {
      to: app.contactEmail,
      template: 'application-ready-for-pickup',
      locale: app.locale,
      context: {
        ...this.base(app),
        branchAddress: this.shipping.branchAddress(app.locale),
        branchContact: this.shipping.branchContact(app.locale),
      },
      dedupeKey: `application:${app.id}:ready_for_pickup`,
    });
  }

  /** Once per application and hold reason (`holdKey`: the out-of-use period, or a staff hold). */
  onHold(
    manager: EntityManager,
    app: MailTarget,
    holdKey: string,
    expectedIssueDate: string,
    notice: string,
  ): Promise<void> {
    return this.notifications.enqueue(manager, {
      to: app.contactEmail,
      template: 'application-on-hold',
      locale: app.locale,
      context: { ...this.base(app), expectedIssueDate, notice },
      dedupeKey: `application:${app.id}:on_hold:${holdKey}`,
    });
  }

  /** `onHold` for many applications at once: one multi-row outbox write (OutOfUseJob). */
  async onHoldMany(
    manager: EntityManager,
    holds: {
      app: MailTarget;
      holdKey: string;
      expectedIssueDate: string;
      notice: string;
    }[],
  ): Promise<void> {
    await this.notifications.enqueueMany(
      manager,
      holds.map(({ app, holdKey, expectedIssueDate, notice }) => ({
        to: app.contactEmail,
        template: 'application-on-hold' as const,
        locale: app.locale,
        context: { ...this.base(app), expectedIssueDate, notice },
        dedupeKey: `application:${app.id}:on_hold:${holdKey}`,
      })),
    );
  }

  /**
   * The due dates that moved later when a year's holiday arrangement was published: one mail per
   * application and new due date (ApplicationDueDates).
   */
  async dueDateMovedMany(
    manager: EntityManager,
    moves: { app: MailTarget; previousDueDate: string; dueDate: string; notice: string }[],
  ): Promise<void> {
    await this.notifications.enqueueMany(
      manager,
      moves.map(({ app, previousDueDate, dueDate, notice }) => ({
        to: app.contactEmail,
        template: 'application-due-date-moved' as const,
        locale: app.locale,
        context: { ...this.base(app), previousDueDate, dueDate, notice },
        dedupeKey: `application:${app.id}:due_date:${dueDate}`,
      })),
    );
  }

  rejected(manager: EntityManager, app: MailTarget, reason: string): Promise<void> {
    return this.notifications.enqueue(manager, {
      to: app.contactEmail,
      template: 'application-rejected',
      locale: app.locale,
      context: { ...this.base(app), reason },
      dedupeKey: `application:${app.id}:rejected`,
    });
  }
}
