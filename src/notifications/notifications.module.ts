import { Module } from '@nestjs/common';
import { MailDispatchJob } from './dispatch/mail-dispatch.job';
import { MailDispatcher } from './mail-dispatcher';
import { FailedMailsService } from './failed-mails.service';
import { MailAttachments } from './mail-attachments';
import { MailOutboxRepository } from './mail-outbox.repository';
import { NotificationsService } from './notifications.service';
import { OutboxWakeUp } from './outbox-wake-up';
import { MailRenderer } from './rendering/mail-renderer';
import { MailTransportModule } from './transport/mail-transport.module';

/**
 * The transactional mail outbox. Other modules import it and call `NotificationsService.enqueue`
 * in their transaction; the back office uses `FailedMailsService`; tests (and benchmarks) call
 * `MailDispatcher.dispatchDue()`.
 */
@Module({
  imports: [MailTransportModule],
  providers: [
    // Compiles every template when the app starts: a broken template fails the boot.
    { provide: MailRenderer, useFactory: () => new MailRenderer() },
    NotificationsService,
    MailOutboxRepository,
    OutboxWakeUp,
    MailDispatcher,
    MailDispatchJob,
    FailedMailsService,
    MailAttachments,
  ],
  exports: [
    NotificationsService,
    FailedMailsService,
    MailDispatcher,
    MailTransportModule,
    MailAttachments,
  ],
})
export class NotificationsModule {}
