import type { Locale } from '../../common/locale';
import type { Bill } from '../../orders/billing-records/bill';
import { FapiaoException } from '../fapiao.exception';
import { isUniqueViolation } from '../unique-violation';
import type { ApplicationActor } from './application-actor';
import type { ApplicationMails } from './application-mails';
import type { ApplicationMoves, NewApplication, WriteTarget } from './application-moves';
import type { ApplicationRow } from './application-view';
import { FapiaoApplication, ONE_TITLE_PER_BILL_INDEX } from './entities/fapiao-application.entity';

/** What confirming an application records on it. */
export interface ConfirmSubmission {
  submittedAt: Date;
  dueDate: string;
  /** Counted on days of a provisional calendar year. */
  dueDateProvisional: boolean;
  expectedVersion?: number;
  /** Mails go to the login email (and language) of whoever confirms. */
  contactEmail: string;
  locale: Locale;
}

/**
 * The customer's edges: creation (null → draft), confirm, cancel. Create and confirm answer with
 * the customer's view of the application, read in the write's transaction.
 */
export class CustomerEdges {
  constructor(
    private readonly moves: ApplicationMoves,
    private readonly mails: ApplicationMails,
  ) {}

  create(
    target: WriteTarget,
    draft: NewApplication,
    bill: Bill,
    actor: ApplicationActor,
  ): Promise<ApplicationRow | undefined> {
    return this.moves.create(target, draft, bill, actor);
  }

  /** draft → submitted, with the receipt mail. */
  async confirm(
    target: WriteTarget,
    app: FapiaoApplication,
    actor: ApplicationActor,
    submission: ConfirmSubmission,
  ): Promise<ApplicationRow> {
    const recipient = { ...app, contactEmail: submission.contactEmail, locale: submission.locale };
    try {
      return await this.moves.moveAndView(target, app, 'confirm', {
        actor,
        expectedVersion: submission.expectedVersion,
        changes: {
          submittedAt: submission.submittedAt,
          dueDate: submission.dueDate,
          dueDateProvisional: submission.dueDateProvisional,
          contactEmail: submission.contactEmail,
          locale: submission.locale,
        },
        mails: [this.mails.receivedMail(recipient, submission.dueDate)],
      });
    } catch (error) {
      if (isUniqueViolation(error, ONE_TITLE_PER_BILL_INDEX)) {
        throw FapiaoException.billAlreadyApplied(app.orderNumber);
      }
      throw error;
    }
  }

  async cancel(
    target: WriteTarget,
    app: FapiaoApplication,
    actor: ApplicationActor,
    expectedVersion?: number,
  ): Promise<FapiaoApplication> {
    return this.moves.move(target, app, 'cancel', { actor, expectedVersion });
  }
}
