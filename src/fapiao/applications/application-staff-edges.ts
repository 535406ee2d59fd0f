import type { EntityManager } from 'typeorm';
import { FapiaoException } from '../fapiao.exception';
import type { FapiaoTitle } from '../titles/fapiao-title';
import { normaliseTitle } from '../titles/title-rules';
import type { ShippingService } from '../../shipping/shipping.service';
import type { ApplicationActor } from './application-actor';
import type { ApplicationMails } from './application-mails';
import type { ApplicationMoves } from './application-moves';
import { defaultRemarks } from './default-remarks';
import type { FapiaoApplication } from './entities/fapiao-application.entity';
import { insertFapiaoDocuments } from './fapiao-documents';

export interface IssuedDocumentInput {
  number: string;
  /** `YYYY-MM-DD`. */
  issueDate: string;
  amountFen: number;
  taxAmountFen: number;
  /** Basis points (600 = 6%), when recorded. */
  taxRateBasisPoints?: number | null;
  /** A legacy paper fapiao's invoice code (10 or 12 digits). */
  invoiceCode?: string | null;
  /** The buyer printed on this document when it differs from the application's (a split). */
  buyerTitle?: FapiaoTitle;
}

/**
 * The service centre's edges (StaffApplicationsService, the back office): start processing,
 * hold and release, issue, mail out, pick-up, reject, and remarks without a status change.
 */
export class StaffEdges {
  constructor(
    private readonly moves: ApplicationMoves,
    private readonly mails: ApplicationMails,
    private readonly shipping: ShippingService,
  ) {}

  async startProcessing(
    manager: EntityManager,
    app: FapiaoApplication,
    actor: ApplicationActor,
    remark?: string,
  ): Promise<FapiaoApplication> {
    return this.moves.move(manager, app, 'startProcessing', {
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
    await this.moves.move(manager, app, 'putOnHold', {
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
    return this.moves.move(manager, app, 'release', {
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
    await this.moves.move(manager, app, 'issue', {
      actor,
      remark: remark ?? defaultRemarks.issued(app.locale, numbers),
    });
    const buyerTitle = normaliseTitle(app.title);
    await insertFapiaoDocuments(
      manager,
      documents.map((d) => ({
        applicationId: app.id,
        kind: 'blue' as const,
        number: d.number,
        issueDate: d.issueDate,
        amountFen: d.amountFen,
        taxAmountFen: d.taxAmountFen,
        taxRateBasisPoints: d.taxRateBasisPoints ?? null,
        invoiceCode: d.invoiceCode ?? null,
        buyerTitle: d.buyerTitle ? normaliseTitle(d.buyerTitle) : buyerTitle,
        reversesDocumentId: null,
        issuedByStaffId: actor.type === 'staff' ? actor.id : null,
      })),
    );
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
    if (app.shipping.method === 'email') {
      throw FapiaoException.illegalTransition(
        app.status,
        'be mailed out: it is a digital fapiao delivered by email',
      );
    }
    return this.moves.sendParcel(manager, app, 'markMailedOut', actor, parcel);
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
    await this.moves.move(manager, app, 'markReadyForPickup', {
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
    return this.moves.move(manager, app, 'markPickedUp', {
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
    await this.moves.move(manager, app, 'reject', {
      actor,
      remark: reason,
      changes: { rejectionReason: reason },
    });
    await this.mails.rejected(manager, app, reason);
    return app;
  }

  /**
   * A mistyped carrier or tracking number, corrected: the same parcel, so the status stays
   * mailed out; the customer gets the mailed-out mail again with the right number.
   */
  async correctParcel(
    manager: EntityManager,
    app: FapiaoApplication,
    actor: ApplicationActor,
    parcel: { carrier: string; trackingNumber: string; remark: string },
  ): Promise<FapiaoApplication> {
    return this.moves.sendParcel(manager, app, 'correctParcel', actor, parcel);
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
    await this.moves.recordHistory(manager, app.id, app.status, app.status, actor, remark);
    return app;
  }
}
