import type { EntityManager } from 'typeorm';
import type { ApplicationChanges } from './applications.repository';
import type { ApplicationActor } from './application-actor';
import type { ApplicationMails } from './application-mails';
import type { ApplicationMoves } from './application-moves';
import type { FapiaoApplication } from './entities/fapiao-application.entity';

/** The support team's edges (StaffSupportRequestsService): reissue, remail. */
export class SupportEdges {
  constructor(
    private readonly moves: ApplicationMoves,
    private readonly mails: ApplicationMails,
  ) {}

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
      changes?: ApplicationChanges;
    },
  ): Promise<FapiaoApplication> {
    await this.moves.move(manager, app, 'reissue', {
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
    return this.moves.sendParcel(manager, app, 'remail', actor, parcel);
  }
}
