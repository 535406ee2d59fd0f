import type { EntityManager } from 'typeorm';
import type { Locale } from '../../common/locale';
import { FapiaoException } from '../fapiao.exception';
import { isUniqueViolation } from '../unique-violation';
import type { ApplicationActor } from './application-actor';
import type { ApplicationMails } from './application-mails';
import type { ApplicationMoves } from './application-moves';
import { FapiaoApplication, ONE_TITLE_PER_BILL_INDEX } from './entities/fapiao-application.entity';

/** What confirming an application records on it. */
export interface ConfirmSubmission {
  submittedAt: Date;
  dueDate: string;
  expectedVersion?: number;
  /** Mails go to the login email (and language) of whoever confirms. */
  contactEmail: string;
  locale: Locale;
}

/** The customer's edges: creation (null → draft), confirm, cancel. */
export class CustomerEdges {
  constructor(
    private readonly moves: ApplicationMoves,
    private readonly mails: ApplicationMails,
  ) {}

  /** Writes the creation entry (null → draft) and tells the orders module. */
  async recordCreated(
    manager: EntityManager,
    app: FapiaoApplication,
    actor: ApplicationActor,
  ): Promise<void> {
    await this.moves.recordStatus(manager, app, null, actor, null);
  }

  async confirm(
    manager: EntityManager,
    app: FapiaoApplication,
    actor: ApplicationActor,
    submission: ConfirmSubmission,
  ): Promise<FapiaoApplication> {
    try {
      await this.moves.move(manager, app, 'confirm', {
        actor,
        expectedVersion: submission.expectedVersion,
        changes: {
          submittedAt: submission.submittedAt,
          dueDate: submission.dueDate,
          contactEmail: submission.contactEmail,
          locale: submission.locale,
        },
      });
    } catch (error) {
      if (isUniqueViolation(error, ONE_TITLE_PER_BILL_INDEX)) {
        throw FapiaoException.billAlreadyApplied(app.orderNumber);
      }
      throw error;
    }
    await this.mails.received(manager, app, submission.dueDate);
    return app;
  }

  async cancel(
    manager: EntityManager,
    app: FapiaoApplication,
    actor: ApplicationActor,
    expectedVersion?: number,
  ): Promise<FapiaoApplication> {
    return this.moves.move(manager, app, 'cancel', { actor, expectedVersion });
  }
}
