import { DataSource, type EntityManager } from 'typeorm';
import type { Locale } from '../../common/locale';
import type { Clock } from '../../common/time/clock';
import { StatementValues } from '../../database/statement-values';
import type { MailTemplateName } from '../../notifications/mail-catalogue';
import type { NotificationsService, OutgoingMail } from '../../notifications/notifications.service';
import type { BillingRecordsService } from '../../orders/billing-records/billing-records.service';
import { FapiaoException } from '../fapiao.exception';
import type { ApplicationActor } from './application-actor';
import {
  type ApplicationChanges,
  changeAssignments,
  shippingColumnValues,
  titleColumnValues,
} from './application-columns';
import type { ApplicationMails } from './application-mails';
import type { ApplicationChoices } from './application-rules';
import type { ApplicationStatus } from './application-status';
import { allowsFrom, TRANSITIONS, TransitionName } from './application-transitions';
import {
  type ApplicationRow,
  type ApplicationViewRow,
  applicationViewSelect,
  HISTORY_COLUMNS,
} from './application-view';
import { defaultRemarks } from './default-remarks';
import { ApplicationHistory } from './entities/application-history.entity';
import { DRAFT_ORDER_ID, FapiaoApplication } from './entities/fapiao-application.entity';

/**
 * The bills' statuses, as a data-modifying CTE body, for the applications a statement moved:
 * `moved` is a CTE of applications RETURNING at least `id`, `order_id` and `status` (their new
 * one), each order at most once. The UPDATE is the orders module's `applicationStatusUpdate`.
 */
export function billStatusesOf(billingRecords: BillingRecordsService, moved: string): string {
  return billingRecords.applicationStatusUpdate(
    `(SELECT order_id, id AS application_id, status FROM ${moved}) c`,
  );
}

/** Where a write runs: the caller's transaction (an EntityManager of one), or on its own. */
export type WriteTarget = DataSource | EntityManager;

export interface MoveOptions {
  actor: ApplicationActor;
  remark?: string | null;
  /** Columns changed together with the status. */
  changes?: ApplicationChanges;
  /** The version the caller read, when it wants to detect concurrent changes. */
  expectedVersion?: number;
  /** The customer's mails about the move, written by the same statement (outbox). */
  mails?: OutgoingMail<MailTemplateName>[];
}

/**
 * A new draft, as ApplicationsService checked it. The bill's own facts (order id, amount) come
 * from the bill itself, in the statement that writes the draft.
 */
export interface NewApplication extends ApplicationChoices {
  orderNumber: string;
  customerId: string;
  accountId: string;
  contactEmail: string;
  locale: Locale;
}

/**
 * The writes every edge of ApplicationStateMachine shares. A move is ONE statement: the guarded
 * `UPDATE … WHERE status = <expected> AND version = <read>` and, as data-modifying CTEs over
 * its result, the history entry, the bill's status on the order (the UPDATE the orders module
 * writes, `BillingRecordsService.applicationStatusUpdate`) and the mails (the outbox INSERT of
 * `NotificationsService.outboxInsert`). When the guard matches nothing, none of them writes.
 *
 * One statement is one transaction on its own, so the customer's create and confirm need no
 * BEGIN/COMMIT and take one round trip to PostgreSQL, which the benchmark showed to be most of
 * their cost; staff edges run it inside their transaction (documents, support replies).
 * Built by ApplicationStateMachine; the edge groups (application-*-edges.ts) call it.
 */
export class ApplicationMoves {
  constructor(
    private readonly clock: Clock,
    private readonly billingRecords: BillingRecordsService,
    private readonly mails: ApplicationMails,
    private readonly notifications: NotificationsService,
  ) {}

  /**
   * The creation (null → draft) with its history entry and the bill's status; the view. Written
   * only while the customer's bill can be applied for (`applicableBill`) and has no open draft
   * (the partial unique index): otherwise nothing is written and the answer is undefined, for
   * the caller to say why.
   */
  async create(
    target: WriteTarget,
    draft: NewApplication,
    actor: ApplicationActor,
  ): Promise<ApplicationRow | undefined> {
    const values = new StatementValues();
    const now = values.add(this.clock.now(), 'timestamptz');
    const customerId = values.add(draft.customerId, 'uuid');
    const bill = this.billingRecords.applicableBill(
      values.add(draft.orderNumber, 'varchar'),
      customerId,
    );
    const columns: [string, string][] = [
      ['order_id', 'bill.order_id'],
      ['order_number', 'bill.order_number'],
      ['customer_id', customerId],
      ['account_id', values.add(draft.accountId, 'uuid')],
      ['contact_email', values.add(draft.contactEmail, 'varchar')],
      ['locale', values.add(draft.locale, 'varchar')],
      ['type', values.add(draft.type, 'varchar')],
      ['purpose', values.add(draft.purpose, 'varchar')],
      ...titleColumnValues(draft.title, values),
      ...shippingColumnValues(draft.shipping, values),
      ['amount_fen', 'bill.amount_fen'],
      ['status', values.add('draft', 'varchar')],
      ['version', '1'],
      ['created_at', now],
      ['updated_at', now],
    ];
    const insert = `INSERT INTO fapiao_applications (${columns.map(([c]) => c).join(', ')})
                    SELECT ${columns.map(([, v]) => v).join(', ')} FROM ${bill}
                    ON CONFLICT (${DRAFT_ORDER_ID}) DO NOTHING RETURNING *`;
    const text = this.statement(values, insert, now, { from: null, actor, remark: null }, true);
    const [row] = await target.query<ApplicationViewRow[]>(text, values.values);
    return row?.application;
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

  /** `move`, and the customer's view of the application after it, from the same statement. */
  async moveAndView(
    target: WriteTarget,
    app: FapiaoApplication,
    name: TransitionName,
    options: MoveOptions,
  ): Promise<ApplicationRow> {
    const view = await this.run(target, app, name, options, true);
    if (!view) throw new Error('moveAndView: the statement returned no view');
    return view;
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
    const values = new StatementValues();
    const now = values.add(changedAt, 'timestamptz');
    const set = [
      `status = ${values.add(edge.to, 'varchar')}`,
      'version = version + 1',
      `updated_at = ${now}`,
      ...changeAssignments(options.changes ?? {}, values),
    ];
    const update = `UPDATE fapiao_applications SET ${set.join(', ')}
                     WHERE id = ${values.add(app.id, 'uuid')}
                       AND status = ${values.add(app.status, 'varchar')}
                       AND version = ${values.add(app.version, 'int')}
                    RETURNING *`;
    const text = this.statement(
      values,
      update,
      now,
      { from: app.status, actor: options.actor, remark: options.remark ?? null },
      view,
      options.mails,
    );
    const [row] = await target.query<Partial<ApplicationViewRow>[]>(text, values.values);
    if (!row) return this.explainLostRace(target, app, name);
    if (options.mails?.length) this.notifications.mailsWritten(target);
    Object.assign(app, options.changes ?? {}, {
      status: edge.to,
      version: app.version + 1,
      updatedAt: changedAt,
    });
    return row.application;
  }

  /**
   * The statement around `head` (an INSERT or UPDATE of one application RETURNING *): the
   * history entry, the bill's status, the mails, and the view or the id. Its text depends only
   * on the kind of change (which columns, whether mails and view), never on the values, so each
   * kind is prepared once per connection.
   */
  private statement(
    values: StatementValues,
    head: string,
    now: string,
    entry: { from: ApplicationStatus | null; actor: ApplicationActor; remark: string | null },
    view: boolean,
    mails: OutgoingMail<MailTemplateName>[] = [],
  ): string {
    const history = `INSERT INTO application_history
                       (application_id, from_status, to_status, actor_type, actor_id, actor_email,
                        remark, at)
                     SELECT id, ${values.add(entry.from, 'varchar')}, status,
                            ${values.add(entry.actor.type, 'varchar')},
                            ${values.add(entry.actor.id, 'uuid')},
                            ${values.add(entry.actor.email, 'varchar')},
                            ${values.add(entry.remark, 'varchar')}, ${now}
                       FROM moved
                     RETURNING ${HISTORY_COLUMNS}`;
    const bill = billStatusesOf(this.billingRecords, 'moved');
    const ctes = [`moved AS (${head})`, `new_history AS (${history})`, `bill AS (${bill})`];
    if (mails.length > 0) {
      const outbox = this.notifications.outboxInsert(values, mails, 'EXISTS (SELECT 1 FROM moved)');
      ctes.push(`mail AS (${outbox})`);
    }
    const select = view
      ? applicationViewSelect({ application: 'moved', nowParam: now, newHistory: 'new_history' })
      : 'SELECT a.id FROM moved a';
    return `WITH ${ctes.join(',\n')}\n${select}`;
  }

  /** The guarded UPDATE matched nothing: someone else moved the application first. */
  private async explainLostRace(
    target: WriteTarget,
    app: FapiaoApplication,
    name: TransitionName,
  ): Promise<never> {
    const manager = target instanceof DataSource ? target.manager : target;
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
}
