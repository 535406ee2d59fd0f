import { type DataSource, EntityManager } from 'typeorm';
import type { Locale } from '../../common/locale';
import type { Clock } from '../../common/time/clock';
import { inTransaction } from '../../database/transaction';
import type { MailTemplateName } from '../../notifications/mail-catalogue';
import type { NotificationsService, OutgoingMail } from '../../notifications/notifications.service';
import type { Bill } from '../../orders/billing-records/bill';
import type { BillingRecordsService } from '../../orders/billing-records/billing-records.service';
import { FapiaoException } from '../fapiao.exception';
import type { ApplicationActor } from './application-actor';
import type { ApplicationMails } from './application-mails';
import type { ApplicationChoices } from './application-rules';
import type { ApplicationStatus } from './application-status';
import { allowsFrom, TRANSITIONS, TransitionName } from './application-transitions';
import type { ApplicationRow } from './application-view';
import type { ApplicationChanges, ApplicationsRepository } from './applications.repository';
import { defaultRemarks } from './default-remarks';
import type { FapiaoApplication } from './entities/fapiao-application.entity';

export type { ApplicationChanges } from './applications.repository';

/** Where a write runs: the caller's transaction (an EntityManager of one), or a new one. */
export type WriteTarget = DataSource | EntityManager;

export interface MoveOptions {
  actor: ApplicationActor;
  remark?: string | null;
  /** Columns changed together with the status. */
  changes?: ApplicationChanges;
  /** The version the caller read, when it wants to detect concurrent changes. */
  expectedVersion?: number;
  /** The customer's mails about the move, written in the same transaction (outbox). */
  mails?: OutgoingMail<MailTemplateName>[];
}

/** A new draft, as ApplicationsService checked it, for the bill it read. */
export interface NewApplication extends ApplicationChoices {
  customerId: string;
  accountId: string;
  contactEmail: string;
  locale: Locale;
}

/**
 * The writes every edge of ApplicationStateMachine shares, each one transaction (the caller's
 * when it passes its manager): the guarded UPDATE, the history entry, the bill's status
 * (orders module) and the mails (outbox). When the guard matches nothing, nothing is written.
 */
export class ApplicationMoves {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly applications: ApplicationsRepository,
    private readonly billingRecords: BillingRecordsService,
    private readonly mails: ApplicationMails,
    private readonly notifications: NotificationsService,
  ) {}

  /**
   * The creation (null → draft) with its history entry, the bill taken by the draft (refused by
   * the orders module when another application took it meanwhile), and the customer's view.
   * Undefined when the bill has an open draft: the caller says why.
   */
  create(
    target: WriteTarget,
    draft: NewApplication,
    bill: Bill,
    actor: ApplicationActor,
  ): Promise<ApplicationRow | undefined> {
    return this.inTransaction(target, async (manager) => {
      const now = this.clock.now();
      const id = await this.applications.insertDraft(
        manager,
        {
          ...draft,
          orderId: bill.orderId,
          orderNumber: bill.orderNumber,
          amountFen: bill.amountFen,
        },
        now,
      );
      if (!id) return undefined;
      await this.applications.addHistoryEntry(manager, {
        applicationId: id,
        from: null,
        to: 'draft',
        actor,
        remark: null,
        at: now,
      });
      await this.billingRecords.claimBillForApplication(manager, bill, id);
      return this.applications.findCustomerView(draft.customerId, id, now, manager);
    });
  }

  async move(
    target: WriteTarget,
    app: FapiaoApplication,
    name: TransitionName,
    options: MoveOptions,
  ): Promise<FapiaoApplication> {
    await this.run(target, app, name, options, false);
    return app;
  }

  /** `move`, and the customer's view of the application after it, in the same transaction. */
  async moveAndView(
    target: WriteTarget,
    app: FapiaoApplication,
    name: TransitionName,
    options: MoveOptions,
  ): Promise<ApplicationRow> {
    const view = await this.run(target, app, name, options, true);
    // The application was just written in this transaction: its view is there.
    return view!;
  }

  /** Mailed out for the first time or again: record carrier and tracking, tell the customer. */
  async sendParcel(
    target: WriteTarget,
    app: FapiaoApplication,
    edge: 'markMailedOut' | 'remail' | 'correctParcel',
    actor: ApplicationActor,
    parcel: { carrier: string; trackingNumber: string; remark?: string },
  ): Promise<FapiaoApplication> {
    return this.move(target, app, edge, {
      actor,
      remark:
        parcel.remark ??
        defaultRemarks.mailedOut(app.locale, parcel.carrier, parcel.trackingNumber),
      changes: { carrier: parcel.carrier, trackingNumber: parcel.trackingNumber },
      mails: [this.mails.mailedOutMail(app, parcel.carrier, parcel.trackingNumber)],
    });
  }

  /** A history entry without a status change (a staff remark: from = to). */
  async recordHistory(
    manager: EntityManager,
    applicationId: string,
    from: ApplicationStatus | null,
    to: ApplicationStatus,
    actor: ApplicationActor,
    remark: string | null,
  ): Promise<void> {
    await this.applications.addHistoryEntry(manager, {
      applicationId,
      from,
      to,
      actor,
      remark,
      at: this.clock.now(),
    });
  }

  private async run(
    target: WriteTarget,
    app: FapiaoApplication,
    name: TransitionName,
    options: MoveOptions,
    view: boolean,
  ): Promise<ApplicationRow | undefined> {
    const edge = TRANSITIONS[name];
    if (!allowsFrom(name, app.status))
      throw FapiaoException.illegalTransition(app.status, edge.action);
    if (options.expectedVersion !== undefined && options.expectedVersion !== app.version) {
      throw FapiaoException.versionConflict(options.expectedVersion, app.version);
    }
    const changedAt = this.clock.now();
    const changes = options.changes ?? {};
    const row = await this.inTransaction(target, async (manager) => {
      const moved = await this.applications.recordTransition(manager, {
        app,
        to: edge.to,
        changes,
        at: changedAt,
      });
      if (!moved) return this.explainLostRace(manager, app, name);
      await this.applications.addHistoryEntry(manager, {
        applicationId: app.id,
        from: app.status,
        to: edge.to,
        actor: options.actor,
        remark: options.remark ?? null,
        at: changedAt,
      });
      await this.billingRecords.recordApplicationStatus(manager, {
        orderId: app.orderId,
        applicationId: app.id,
        status: edge.to,
      });
      if (options.mails?.length) await this.notifications.enqueueMany(manager, options.mails);
      return view
        ? this.applications.findCustomerView(app.customerId, app.id, changedAt, manager)
        : undefined;
    });
    Object.assign(app, changes, {
      status: edge.to,
      version: app.version + 1,
      updatedAt: changedAt,
    });
    return row;
  }

  private inTransaction<T>(
    target: WriteTarget,
    work: (manager: EntityManager) => Promise<T>,
  ): Promise<T> {
    return inTransaction(
      this.dataSource,
      target instanceof EntityManager ? target : undefined,
      work,
    );
  }

  /** The guarded UPDATE matched nothing: someone else moved the application first. */
  private async explainLostRace(
    manager: EntityManager,
    app: FapiaoApplication,
    name: TransitionName,
  ): Promise<never> {
    const current = await this.applications.findStatusAndVersion(manager, app.id);
    if (!current || !allowsFrom(name, current.status)) {
      throw FapiaoException.illegalTransition(
        current?.status ?? app.status,
        TRANSITIONS[name].action,
      );
    }
    throw FapiaoException.versionConflict(app.version, current.version);
  }
}
