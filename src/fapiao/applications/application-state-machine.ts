import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/time/clock';
import { NotificationsService } from '../../notifications/notifications.service';
import { BillingRecordsService } from '../../orders/billing-records/billing-records.service';
import { ShippingService } from '../../shipping/shipping.service';
import { CustomerEdges } from './application-customer-edges';
import { ApplicationMails } from './application-mails';
import { ApplicationMoves } from './application-moves';
import { StaffEdges } from './application-staff-edges';
import { SupportEdges } from './application-support-edges';
import { ApplicationsRepository } from './applications.repository';

export type { IssuedDocumentInput } from './application-staff-edges';

/**
 * The only place where an application's status changes: one method per edge of the diagram
 * (application-transitions.ts). Each is one transaction (application-moves.ts), the caller's
 * or its own: a guarded `UPDATE … WHERE status = <expected> AND version = <read>`, a history
 * entry, the bill's status on the order (orders module), and the customer's mail (outbox).
 *
 * The edges live in three groups, by who takes them: the customer's
 * (application-customer-edges.ts), the service centre's (application-staff-edges.ts) and
 * support's (application-support-edges.ts); the writes they share are in application-moves.ts.
 * This class is the one entry point callers inject.
 */
@Injectable()
export class ApplicationStateMachine {
  private readonly customer: CustomerEdges;
  private readonly staff: StaffEdges;
  private readonly support: SupportEdges;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    applications: ApplicationsRepository,
    clock: Clock,
    billingRecords: BillingRecordsService,
    mails: ApplicationMails,
    shipping: ShippingService,
    notifications: NotificationsService,
  ) {
    const moves = new ApplicationMoves(
      dataSource,
      clock,
      applications,
      billingRecords,
      mails,
      notifications,
    );
    this.customer = new CustomerEdges(moves, mails);
    this.staff = new StaffEdges(moves, mails, shipping);
    this.support = new SupportEdges(moves, mails);
  }

  // The customer's edges.

  /** A new draft (null → draft), its history entry and the bill's status; the view. */
  create(...args: Parameters<CustomerEdges['create']>) {
    return this.customer.create(...args);
  }

  confirm(...args: Parameters<CustomerEdges['confirm']>) {
    return this.customer.confirm(...args);
  }

  cancel(...args: Parameters<CustomerEdges['cancel']>) {
    return this.customer.cancel(...args);
  }

  // The service centre's edges.

  startProcessing(...args: Parameters<StaffEdges['startProcessing']>) {
    return this.staff.startProcessing(...args);
  }

  /** A hold by staff (out-of-use periods hold applications set-based, see OutOfUseJob). */
  putOnHold(...args: Parameters<StaffEdges['putOnHold']>) {
    return this.staff.putOnHold(...args);
  }

  release(...args: Parameters<StaffEdges['release']>) {
    return this.staff.release(...args);
  }

  issue(...args: Parameters<StaffEdges['issue']>) {
    return this.staff.issue(...args);
  }

  markMailedOut(...args: Parameters<StaffEdges['markMailedOut']>) {
    return this.staff.markMailedOut(...args);
  }

  markReadyForPickup(...args: Parameters<StaffEdges['markReadyForPickup']>) {
    return this.staff.markReadyForPickup(...args);
  }

  markPickedUp(...args: Parameters<StaffEdges['markPickedUp']>) {
    return this.staff.markPickedUp(...args);
  }

  reject(...args: Parameters<StaffEdges['reject']>) {
    return this.staff.reject(...args);
  }

  /** A staff remark without a status change (history entry with from = to). */
  /** A mistyped carrier or tracking number corrected (still mailed out). */
  correctParcel(...args: Parameters<StaffEdges['correctParcel']>) {
    return this.staff.correctParcel(...args);
  }

  addRemark(...args: Parameters<StaffEdges['addRemark']>) {
    return this.staff.addRemark(...args);
  }

  // Support's edges.

  /** Retitle, split after issue: issued again with the new documents the caller wrote. */
  reissue(...args: Parameters<SupportEdges['reissue']>) {
    return this.support.reissue(...args);
  }

  /** "Not received": the same fapiao mailed again with a new tracking number. */
  remail(...args: Parameters<SupportEdges['remail']>) {
    return this.support.remail(...args);
  }
}
