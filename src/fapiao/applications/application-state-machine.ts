import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { Locale } from '../../common/locale';
import { Clock } from '../../common/time/clock';
import { BillingRecordsService } from '../../orders/billing-records/billing-records.service';
import { ShippingService } from '../../shipping/shipping.service';
import { FapiaoException } from '../fapiao.exception';
import type { FapiaoTitle } from '../titles/fapiao-title';
import { normaliseTitle } from '../titles/title-rules';
import { isUniqueViolation } from '../unique-violation';
import type { ApplicationActor } from './application-actor';
import { ApplicationMails } from './application-mails';
import type { ApplicationStatus } from './application-status';
import { allowsFrom, TRANSITIONS, TransitionName } from './application-transitions';
import { defaultRemarks } from './default-remarks';
import { ApplicationHistory } from './entities/application-history.entity';
import { FapiaoApplication, ONE_TITLE_PER_BILL_INDEX } from './entities/fapiao-application.entity';
import { DOCUMENT_NUMBER_INDEX, FapiaoDocument } from './entities/fapiao-document.entity';

export interface IssuedDocumentInput {
  number: string;
  /** `YYYY-MM-DD`. */
  issueDate: string;
  amountFen: number;
  taxAmountFen: number;
  /** The buyer printed on this document when it differs from the application's (a split). */
  buyerTitle?: FapiaoTitle;
}

interface MoveOptions {
  actor: ApplicationActor;
  remark?: string | null;
  /** Columns changed together with the status. */
  changes?: QueryDeepPartialEntity<FapiaoApplication>;
  /** The version the caller read, when it wants to detect concurrent changes. */
  expectedVersion?: number;
}

/**
 * The only place where an application's status changes: one method per edge of the diagram
 * (application-transitions.ts). Each runs inside the caller's transaction: a guarded
 * `UPDATE … WHERE status = <expected> AND version = <read>`, a history entry, the bill's status
 * on the order (orders module), and the customer's mail (outbox).
 */
@Injectable()
export class ApplicationStateMachine {
  constructor(
    private readonly clock: Clock,
    private readonly billingRecords: BillingRecordsService,
    private readonly mails: ApplicationMails,
    private readonly shipping: ShippingService,
  ) {}

  async confirm(
    manager: EntityManager,
    app: FapiaoApplication,
    actor: ApplicationActor,
    submission: {
      submittedAt: Date;
      dueDate: string;
      expectedVersion?: number;
      /** Mails go to the login email (and language) of whoever confirms. */
      contactEmail: string;
      locale: Locale;
    },
  ): Promise<FapiaoApplication> {
    try {
      await this.move(manager, app, 'confirm', {
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
    return this.move(manager, app, 'cancel', { actor, expectedVersion });
  }

  async startProcessing(
    manager: EntityManager,
    app: FapiaoApplication,
    actor: ApplicationActor,
    remark?: string,
  ): Promise<FapiaoApplication> {
    return this.move(manager, app, 'startProcessing', {
      actor,
      remark: remark ?? defaultRemarks.processing(app.locale),
    });
  }

  /** A hold by staff (out-of-use periods hold applications set-based, see OutOfUseJob). */
  async putOnHold(
    manager: EntityManager,
    app: FapiaoApplication,
    actor: ApplicationActor,
    hold: { expectedIssueDate: string; notice: string },
  ): Promise<FapiaoApplication> {
    await this.move(manager, app, 'putOnHold', {
      actor,
      remark: hold.notice,
      changes: { expectedIssueDate: hold.expectedIssueDate, onHoldPeriodId: null },
    });
    await this.mails.onHold(
      manager,
      app,
      `staff:${app.version}`,
      hold.expectedIssueDate,
      hold.notice,
    );
    return app;
  }

  async release(
    manager: EntityManager,
    app: FapiaoApplication,
    actor: ApplicationActor,
    remark?: string,
  ): Promise<FapiaoApplication> {
    return this.move(manager, app, 'release', {
      actor,
      remark: remark ?? defaultRemarks.released(app.locale),
      changes: { expectedIssueDate: null, onHoldPeriodId: null },
    });
  }

  async issue(
    manager: EntityManager,
    app: FapiaoApplication,
    actor: ApplicationActor,
    documents: IssuedDocumentInput[],
    remark?: string,
  ): Promise<FapiaoApplication> {
    const numbers = documents.map((d) => d.number);
    await this.move(manager, app, 'issue', {
      actor,
      remark: remark ?? defaultRemarks.issued(app.locale, numbers),
    });
    const buyerTitle = normaliseTitle(app.title);
    try {
      await manager.insert(
        FapiaoDocument,
        documents.map((d) => ({
          applicationId: app.id,
          kind: 'blue' as const,
          number: d.number,
          issueDate: d.issueDate,
          amountFen: d.amountFen,
          taxAmountFen: d.taxAmountFen,
          buyerTitle: d.buyerTitle ? normaliseTitle(d.buyerTitle) : buyerTitle,
          reversesDocumentId: null,
          issuedByStaffId: actor.type === 'staff' ? actor.id : null,
        })),
      );
    } catch (error) {
      if (isUniqueViolation(error, DOCUMENT_NUMBER_INDEX)) {
        throw FapiaoException.documentNumberTaken(numbers.join(', '));
      }
      throw error;
    }
    await this.mails.issued(
      manager,
      app,
      documents.map((d) => ({ number: d.number, issueDate: d.issueDate, amountFen: d.amountFen })),
    );
    return app;
  }

  async markMailedOut(
    manager: EntityManager,
    app: FapiaoApplication,
    actor: ApplicationActor,
    parcel: { carrier: string; trackingNumber: string; remark?: string },
  ): Promise<FapiaoApplication> {
    if (app.shipping.method === 'pickup') {
      throw FapiaoException.illegalTransition(
        app.status,
        'be mailed out: the customer picks it up',
      );
    }
    return this.sendParcel(manager, app, 'markMailedOut', actor, parcel);
  }

  async markReadyForPickup(
    manager: EntityManager,
    app: FapiaoApplication,
    actor: ApplicationActor,
    remark?: string,
  ): Promise<FapiaoApplication> {
    if (app.shipping.method !== 'pickup') {
      throw FapiaoException.illegalTransition(app.status, 'be picked up: it is to be mailed');
    }
    await this.move(manager, app, 'markReadyForPickup', {
      actor,
      remark:
        remark ??
        defaultRemarks.readyForPickup(app.locale, this.shipping.branchAddress(app.locale)),
    });
    await this.mails.readyForPickup(manager, app);
    return app;
  }

  async markPickedUp(
    manager: EntityManager,
    app: FapiaoApplication,
    actor: ApplicationActor,
    remark?: string,
  ): Promise<FapiaoApplication> {
    return this.move(manager, app, 'markPickedUp', {
      actor,
      remark: remark ?? defaultRemarks.pickedUp(app.locale),
    });
  }

  async reject(
    manager: EntityManager,
    app: FapiaoApplication,
    actor: ApplicationActor,
    reason: string,
  ): Promise<FapiaoApplication> {
    await this.move(manager, app, 'reject', {
      actor,
      remark: reason,
      changes: { rejectionReason: reason },
    });
    await this.mails.rejected(manager, app, reason);
    return app;
  }

  /**
   * Support (retitle, split after issue): the caller has written the red-letter and new blue
   * documents in this transaction; the application becomes `issued` again, to be mailed or picked
   * up like any issued fapiao, and the customer gets the issued mail for the new documents.
   */
  async reissue(
    manager: EntityManager,
    app: FapiaoApplication,
    actor: ApplicationActor,
    reissued: {
      remark: string;
      documents: { number: string; issueDate: string; amountFen: number }[];
      changes?: QueryDeepPartialEntity<FapiaoApplication>;
    },
  ): Promise<FapiaoApplication> {
    await this.move(manager, app, 'reissue', {
      actor,
      remark: reissued.remark,
      changes: { ...reissued.changes, carrier: null, trackingNumber: null },
    });
    await this.mails.issued(
      manager,
      app,
      reissued.documents,
      reissued.documents.map((d) => d.number).join(','),
    );
    return app;
  }

  /** Support ("not received"): the same fapiao mailed again with a new tracking number. */
  async remail(
    manager: EntityManager,
    app: FapiaoApplication,
    actor: ApplicationActor,
    parcel: { carrier: string; trackingNumber: string; remark?: string },
  ): Promise<FapiaoApplication> {
    return this.sendParcel(manager, app, 'remail', actor, parcel);
  }

  /** Mailed out for the first time or again: record carrier and tracking, tell the customer. */
  private async sendParcel(
    manager: EntityManager,
    app: FapiaoApplication,
    edge: 'markMailedOut' | 'remail',
    actor: ApplicationActor,
    parcel: { carrier: string; trackingNumber: string; remark?: string },
  ): Promise<FapiaoApplication> {
    await this.move(manager, app, edge, {
      actor,
      remark:
        parcel.remark ??
        defaultRemarks.mailedOut(app.locale, parcel.carrier, parcel.trackingNumber),
      changes: { carrier: parcel.carrier, trackingNumber: parcel.trackingNumber },
    });
    await this.mails.mailedOut(manager, app, parcel.carrier, parcel.trackingNumber);
    return app;
  }

  /** A staff remark without a status change (history entry with from = to). */
  async addRemark(
    manager: EntityManager,
    app: FapiaoApplication,
    actor: ApplicationActor,
    remark: string,
  ): Promise<FapiaoApplication> {
    if (app.status === 'draft') {
      throw FapiaoException.illegalTransition(app.status, 'take remarks before it is submitted');
    }
    await this.recordHistory(manager, app.id, app.status, app.status, actor, remark);
    return app;
  }

  /** Writes the creation entry (null → draft) and tells the orders module. */
  async recordCreated(
    manager: EntityManager,
    app: FapiaoApplication,
    actor: ApplicationActor,
  ): Promise<void> {
    await this.recordHistory(manager, app.id, null, app.status, actor, null);
    await this.billingRecords.recordApplicationStatus(manager, {
      orderId: app.orderId,
      applicationId: app.id,
      status: app.status,
    });
  }

  private async move(
    manager: EntityManager,
    app: FapiaoApplication,
    name: TransitionName,
    options: MoveOptions,
  ): Promise<FapiaoApplication> {
    const edge = TRANSITIONS[name];
    if (!allowsFrom(name, app.status))
      throw FapiaoException.illegalTransition(app.status, edge.action);
    if (options.expectedVersion !== undefined && options.expectedVersion !== app.version) {
      throw FapiaoException.versionConflict(options.expectedVersion, app.version);
    }
    const now = this.clock.now();
    const from = app.status;
    const result = await manager
      .createQueryBuilder()
      .update(FapiaoApplication)
      .set({ ...options.changes, status: edge.to, version: () => 'version + 1', updatedAt: now })
      .where('id = :id AND status = :from AND version = :version', {
        id: app.id,
        from,
        version: app.version,
      })
      .execute();
    if (!result.affected) await this.explainLostRace(manager, app, name);

    Object.assign(app, options.changes ?? {}, {
      status: edge.to,
      version: app.version + 1,
      updatedAt: now,
    });
    await this.recordHistory(manager, app.id, from, edge.to, options.actor, options.remark ?? null);
    await this.billingRecords.recordApplicationStatus(manager, {
      orderId: app.orderId,
      applicationId: app.id,
      status: edge.to,
    });
    return app;
  }

  /** The guarded UPDATE matched nothing: someone else moved the application first. */
  private async explainLostRace(
    manager: EntityManager,
    app: FapiaoApplication,
    name: TransitionName,
  ): Promise<never> {
    const current = await manager.findOne(FapiaoApplication, {
      where: { id: app.id },
      select: { id: true, status: true, version: true },
    });
    if (!current || !allowsFrom(name, current.status)) {
      throw FapiaoException.illegalTransition(
        current?.status ?? app.status,
        TRANSITIONS[name].action,
      );
    }
    throw FapiaoException.versionConflict(app.version, current.version);
  }

  private async recordHistory(
    manager: EntityManager,
    applicationId: string,
    from: ApplicationStatus | null,
    to: ApplicationStatus,
    actor: ApplicationActor,
    remark: string | null,
  ): Promise<void> {
    await manager.insert(ApplicationHistory, {
      applicationId,
      fromStatus: from,
      toStatus: to,
      actorType: actor.type,
      actorId: actor.id,
      actorEmail: actor.email,
      remark,
      at: this.clock.now(),
    });
  }
}
