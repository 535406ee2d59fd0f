import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { OrderItem } from '../entities/order.entity';
import { OrdersException } from '../orders.exception';
import { Bill, isBillApplicable } from './bill';
import { toBill } from './bill-row';
import {
  type ApplicationStatusChange,
  BillingRecordsRepository,
  type RecordRow,
} from './billing-records.repository';

export type { ApplicationStatusChange } from './billing-records.repository';

export interface BillingRecord {
  orderNumber: string;
  amountFen: number;
  currency: 'CNY';
  /** Instants as ISO 8601 UTC strings, made by PostgreSQL. */
  orderedAt: string;
  paymentSynced: boolean;
  paymentSyncedAt?: string;
  payerName?: string;
  paidAt?: string;
  applicable: boolean;
  fapiaoStatus: string | null;
  applicationId?: string;
}

export interface BillingRecordDetail extends BillingRecord {
  items: OrderItem[];
}

export interface BillingRecordPage {
  items: BillingRecord[];
  page: number;
  pageSize: number;
  total: number;
}

/**
 * The customer's view of its orders ("billing records") and the fapiao module's view of a bill.
 * The bill's application status lives on the order row, which the fapiao module keeps current
 * through `claimBillForApplication` and `recordApplicationStatus` inside its transactions.
 */
@Injectable()
export class BillingRecordsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly records: BillingRecordsRepository,
  ) {}

  async listForCustomer(
    customerId: string,
    query: { page: number; pageSize: number; applicable?: boolean },
  ): Promise<BillingRecordPage> {
    const { rows, total } = await this.records.findRecordPage(customerId, {
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
      applicable: query.applicable,
    });
    return { items: rows.map(toBillingRecord), page: query.page, pageSize: query.pageSize, total };
  }

  /** One of the customer's billing records; another customer's order is "not found". */
  async getForCustomer(customerId: string, orderNumber: string): Promise<BillingRecordDetail> {
    const row = await this.records.findCustomerRecord(customerId, orderNumber);
    if (!row) throw OrdersException.orderNotFound(orderNumber);
    return { ...toBillingRecord(row), items: row.items };
  }

  /** The bill an application is for; 404 ORDER_NOT_FOUND unless it is this customer's order. */
  async getBillForCustomer(
    customerId: string,
    orderNumber: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Bill> {
    const row = await this.records.findCustomerBill(manager, customerId, orderNumber);
    if (!row) throw OrdersException.orderNotFound(orderNumber);
    return toBill(row);
  }

  /** The bill of an application's order, as the caller's transaction sees it. */
  async getBillOfOrder(
    manager: EntityManager,
    orderId: string,
    orderNumber: string,
  ): Promise<Bill> {
    const row = await this.records.findBillOfOrder(manager, orderId);
    if (!row) throw OrdersException.orderNotFound(orderNumber);
    return toBill(row);
  }

  /**
   * A new draft takes the bill, in the caller's transaction; refused with 409 when the bill
   * cannot be applied for any more (another application took it meanwhile).
   */
  async claimBillForApplication(
    manager: EntityManager,
    bill: Pick<Bill, 'orderId' | 'orderNumber'>,
    applicationId: string,
  ): Promise<void> {
    if (!(await this.records.claimForDraft(manager, bill.orderId, applicationId))) {
      throw OrdersException.billNoLongerApplicable(bill.orderNumber);
    }
  }

  /** An application's new status on its bill, in the caller's transaction. */
  recordApplicationStatus(manager: EntityManager, change: ApplicationStatusChange): Promise<void> {
    return this.records.recordApplicationStatuses(manager, [change]);
  }

  /** `recordApplicationStatus` for many applications (jobs); each order at most once. */
  recordApplicationStatuses(
    manager: EntityManager,
    changes: readonly ApplicationStatusChange[],
  ): Promise<void> {
    return this.records.recordApplicationStatuses(manager, changes);
  }
}

function toBillingRecord(row: RecordRow): BillingRecord {
  const paymentSynced = row.synced_at !== null;
  return {
    orderNumber: row.order_number,
    amountFen: Number(row.amount_fen),
    currency: row.currency,
    orderedAt: row.ordered_at,
    paymentSynced,
    ...(paymentSynced
      ? { paymentSyncedAt: row.synced_at!, payerName: row.payer_name!, paidAt: row.paid_at! }
      : {}),
    applicable: isBillApplicable(paymentSynced, row.fapiao_status),
    fapiaoStatus: row.fapiao_status,
    ...(row.fapiao_application_id ? { applicationId: row.fapiao_application_id } : {}),
  };
}
