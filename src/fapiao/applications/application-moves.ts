import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { Clock } from '../../common/time/clock';
import type { BillingRecordsService } from '../../orders/billing-records/billing-records.service';
import { FapiaoException } from '../fapiao.exception';
import type { ApplicationActor } from './application-actor';
import type { ApplicationMails } from './application-mails';
import type { ApplicationStatus } from './application-status';
import { allowsFrom, TRANSITIONS, TransitionName } from './application-transitions';
import { defaultRemarks } from './default-remarks';
import { ApplicationHistory } from './entities/application-history.entity';
import { FapiaoApplication } from './entities/fapiao-application.entity';

export interface MoveOptions {
  actor: ApplicationActor;
  remark?: string | null;
  /** Columns changed together with the status. */
  changes?: QueryDeepPartialEntity<FapiaoApplication>;
  /** The version the caller read, when it wants to detect concurrent changes. */
  expectedVersion?: number;
}

/**
 * The writes every edge of ApplicationStateMachine shares, inside the caller's transaction: the
 * guarded `UPDATE … WHERE status = <expected> AND version = <read>`, the history entry, the bill's
 * status on the order (orders module), and the parcel step of mailing out and re-mailing.
 * Built by ApplicationStateMachine; the edge groups (application-*-edges.ts) call it.
 */
export class ApplicationMoves {
  constructor(
    private readonly clock: Clock,
    private readonly billingRecords: BillingRecordsService,
    private readonly mails: ApplicationMails,
  ) {}

  async move(
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
    await this.recordStatus(manager, app, from, options.actor, options.remark ?? null);
    return app;
  }

  /** Mailed out for the first time or again: record carrier and tracking, tell the customer. */
  async sendParcel(
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

  /**
   * The application entered `app.status` (from `from`; null on creation): a history entry, and
   * the bill's status on the order.
   */
  async recordStatus(
    manager: EntityManager,
    app: FapiaoApplication,
    from: ApplicationStatus | null,
    actor: ApplicationActor,
    remark: string | null,
  ): Promise<void> {
    await this.recordHistory(manager, app.id, from, app.status, actor, remark);
    await this.billingRecords.recordApplicationStatus(manager, {
      orderId: app.orderId,
      applicationId: app.id,
      status: app.status,
    });
  }

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
}
