import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { NotificationsService } from '../../notifications/notifications.service';
import type { SupportRequest } from './entities/support-request.entity';
import { formatRequestNumber } from './support-request-status';

type MailTarget = Pick<
  SupportRequest,
  'id' | 'sequence' | 'type' | 'orderNumber' | 'contactEmail' | 'locale'
>;

/** The customer's mails about a support request (outbox, in the caller's transaction). */
@Injectable()
export class SupportRequestMails {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly config: AppConfig,
  ) {}

  requestUrl(id: string): string {
    return `${this.config.publicBaseUrl}/support-requests/${id}`;
  }

  private base(request: MailTarget) {
    return {
      requestNumber: formatRequestNumber(request.sequence),
      requestType: request.type,
      orderNumber: request.orderNumber,
      requestUrl: this.requestUrl(request.id),
    };
  }

  received(manager: EntityManager, request: MailTarget): Promise<void> {
    return this.notifications.enqueue(manager, {
      to: request.contactEmail,
      template: 'support-request-received',
      locale: request.locale,
      context: this.base(request),
      dedupeKey: `support-request:${request.id}:received`,
    });
  }

  /** Resolved, or rejected (the outcome says so): the customer learns how it ended. */
  concluded(
    manager: EntityManager,
    request: MailTarget,
    outcome: 'resolved' | 'rejected',
    resolution: string,
  ): Promise<void> {
    return this.notifications.enqueue(manager, {
      to: request.contactEmail,
      template: 'support-request-resolved',
      locale: request.locale,
      context: { ...this.base(request), resolution },
      dedupeKey: `support-request:${request.id}:${outcome}`,
    });
  }
}
