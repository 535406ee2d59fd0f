import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthenticatedCustomer } from '../../auth/customer/current-customer.decorator';
import { Clock } from '../../common/time/clock';
import { applicationHoldsBill, type Bill } from '../../orders/billing-records/bill';
import type { BillRow } from '../../orders/billing-records/bill-row';
import { BillingRecordsService } from '../../orders/billing-records/billing-records.service';
import { withDeliveryDefaults } from '../../shipping/shipping-rules';
import { WorkingDaysService } from '../calendar/working-days.service';
import { FapiaoException } from '../fapiao.exception';
import { purposeRequiresPayerTitle } from '../titles/title-rules';
import { customerActor } from './application-actor';
import {
  type ApplicationChoices,
  applicationFieldErrors,
  checkApplication,
  checkBillRules,
  normaliseChoices,
} from './application-rules';
import { ApplicationStateMachine } from './application-state-machine';
import { CreateApplicationDto, UpdateApplicationDto } from './dto/application-input.dto';
import { toApplicationDto } from './application-view';
import { ApplicationDto } from './dto/application.dto';
import { FapiaoApplication } from './entities/fapiao-application.entity';

/**
 * The row behind every edit, confirm and cancel, in the entity's shape (embedded title and
 * shipping as objects); its statements are prepared, being on the path of every confirmation.
 */
const CUSTOMER_APPLICATION_COLUMNS = `
          id, order_id AS "orderId", order_number AS "orderNumber", customer_id AS "customerId",
          account_id AS "accountId", contact_email AS "contactEmail", locale, type, purpose,
          amount_fen AS "amountFen", status, version, submitted_at AS "submittedAt",
          to_char(due_date, 'YYYY-MM-DD') AS "dueDate",
          to_char(expected_issue_date, 'YYYY-MM-DD') AS "expectedIssueDate",
          on_hold_period_id AS "onHoldPeriodId", carrier, tracking_number AS "trackingNumber",
          rejection_reason AS "rejectionReason", created_at AS "createdAt",
          updated_at AS "updatedAt",
          json_build_object('buyerName', title_buyer_name, 'taxId', title_tax_id,
                            'address', title_address, 'phone', title_phone,
                            'bankName', title_bank_name, 'bankAccount', title_bank_account) AS title,
          json_build_object('method', shipping_method, 'recipient', shipping_recipient,
                            'phone', shipping_phone, 'province', shipping_province,
                            'city', shipping_city, 'district', shipping_district,
                            'address', shipping_address, 'postalCode', shipping_postal_code,
                            'deliveryEmails', shipping_delivery_emails)
            AS shipping`;

const CUSTOMER_APPLICATION_ROW = `SELECT ${CUSTOMER_APPLICATION_COLUMNS} FROM fapiao_applications
    WHERE id = $1 AND customer_id = $2`;

/** A refused create is tried again at most this often while its bill keeps changing under it. */
const CREATE_ATTEMPTS = 3;

/** The customer's side of applications: create and edit drafts, confirm, cancel. */
@Injectable()
export class ApplicationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly billingRecords: BillingRecordsService,
    private readonly workingDays: WorkingDaysService,
    private readonly stateMachine: ApplicationStateMachine,
  ) {
    this.applicationWithBill = `SELECT ${CUSTOMER_APPLICATION_COLUMNS}, ${billingRecords.billJson('a.order_id')} AS bill
         FROM fapiao_applications a
        WHERE a.id = $1 AND a.customer_id = $2`;
  }

  /** See findOwnWithBill. */
  private readonly applicationWithBill: string;

  /**
   * A new draft for one of the customer's bills, as the customer sees it. One statement writes
   * it while the bill can be applied for; only a refusal reads the bill, to say why.
   */
  async create(
    customer: AuthenticatedCustomer,
    input: CreateApplicationDto,
  ): Promise<ApplicationDto> {
    const requested: ApplicationChoices = {
      type: input.type,
      purpose: input.purpose ?? 'none',
      title: input.title,
      shipping: withDeliveryDefaults(input.shipping, customer.email),
    };
    const errors = applicationFieldErrors(requested);
    if (errors.length > 0) {
      // An unknown order number is answered before the fields, as on every request about a bill.
      await this.bill(customer, input.orderNumber);
      throw FapiaoException.invalid(errors);
    }
    const choices = normaliseChoices(requested);
    if (purposeRequiresPayerTitle(choices.purpose)) {
      // Names are compared after normalisation (party-name.ts), which the statement cannot do.
      checkBillRules(choices, await this.bill(customer, input.orderNumber));
    }
    const draft = {
      orderNumber: input.orderNumber,
      customerId: customer.customerId,
      accountId: customer.accountId,
      contactEmail: customer.email,
      locale: customer.locale,
      ...choices,
    };
    for (let attempt = 1; attempt <= CREATE_ATTEMPTS; attempt++) {
      const row = await this.stateMachine.create(
        this.dataSource,
        draft,
        customerActor(customer.accountId),
      );
      if (row) return toApplicationDto(row);
      // Nothing was written: the order is not the customer's, its payment has not synced, an
      // application holds it or it has an open draft. The partial unique indexes, not this
      // answer, guarantee one draft per bill and one application per bill at confirmation.
      const bill = await this.bill(customer, input.orderNumber);
      checkBillRules(choices, bill);
      if (applicationHoldsBill(bill.applicationStatus)) {
        throw FapiaoException.billAlreadyApplied(bill.orderNumber);
      }
      const draftId = await this.openDraftId(customer.customerId, bill.orderId);
      if (draftId) throw FapiaoException.draftExists(bill.orderNumber, draftId);
      // The bill changed in between (its payment synced, the holding application or the draft
      // ended): again.
    }
    throw new Error(`create: the bill ${input.orderNumber} kept changing; gave up`);
  }

  /** Edits a draft; `title` and `shipping` replace the whole part; the result is re-checked. */
  async update(
    customer: AuthenticatedCustomer,
    id: string,
    input: UpdateApplicationDto,
  ): Promise<void> {
    const { app, bill } = await this.findOwnWithBill(customer, id);
    if (app.status !== 'draft')
      throw FapiaoException.illegalTransition(app.status, 'be edited (only a draft can)');
    if (input.version !== undefined && input.version !== app.version) {
      throw FapiaoException.versionConflict(input.version, app.version);
    }
    const choices = checkApplication(
      {
        type: input.type ?? app.type,
        purpose: input.purpose ?? app.purpose,
        title: input.title ?? app.title,
        shipping: input.shipping
          ? withDeliveryDefaults(input.shipping, customer.email)
          : app.shipping,
      },
      bill,
    );
    const result = await this.dataSource
      .createQueryBuilder()
      .update(FapiaoApplication)
      .set({
        ...choices,
        contactEmail: customer.email,
        locale: customer.locale,
        version: () => 'version + 1',
        updatedAt: this.clock.now(),
      })
      .where('id = :id AND status = :status AND version = :version', {
        id,
        status: 'draft',
        version: app.version,
      })
      .execute();
    if (!result.affected) {
      const current = await this.findOwn(this.dataSource.manager, customer, id);
      if (current.status !== 'draft') {
        throw FapiaoException.illegalTransition(current.status, 'be edited (only a draft can)');
      }
      throw FapiaoException.versionConflict(app.version, current.version);
    }
  }

  /** draft → submitted: the rules again (the payment may matter), the due date, the mail. */
  async confirm(
    customer: AuthenticatedCustomer,
    id: string,
    expectedVersion?: number,
  ): Promise<ApplicationDto> {
    const { app, bill } = await this.findOwnWithBill(customer, id);
    if (app.status !== 'draft')
      throw FapiaoException.illegalTransition(app.status, 'be confirmed (only a draft can)');
    checkApplication(app, bill);
    const submittedAt = this.clock.now();
    const due = await this.workingDays.dueDateFor(submittedAt);
    // One statement: the move, its history, the bill's status and the receipt mail commit together.
    const row = await this.stateMachine.confirm(
      this.dataSource,
      app,
      customerActor(customer.accountId),
      {
        submittedAt,
        dueDate: due.date,
        dueDateProvisional: due.provisional,
        expectedVersion,
        contactEmail: customer.email,
        locale: customer.locale,
      },
    );
    return toApplicationDto(row);
  }

  async cancel(
    customer: AuthenticatedCustomer,
    id: string,
    expectedVersion?: number,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const app = await this.findOwn(manager, customer, id);
      await this.stateMachine.cancel(
        manager,
        app,
        customerActor(customer.accountId),
        expectedVersion,
      );
    });
  }

  private async openDraftId(customerId: string, orderId: string): Promise<string | null> {
    const [row] = await this.dataSource.query<{ id: string }[]>(
      `SELECT id FROM fapiao_applications
        WHERE order_id = $1 AND customer_id = $2 AND status = 'draft'`,
      [orderId, customerId],
    );
    return row?.id ?? null;
  }

  private bill(customer: AuthenticatedCustomer, orderNumber: string): Promise<Bill> {
    return this.billingRecords.getBillForCustomer(customer.customerId, orderNumber);
  }

  /** The customer's application and the bill it is for, in one round trip. */
  private async findOwnWithBill(
    customer: AuthenticatedCustomer,
    id: string,
  ): Promise<{ app: FapiaoApplication; bill: Bill }> {
    const [found] = await this.dataSource.query<(FapiaoApplication & { bill: BillRow | null })[]>(
      this.applicationWithBill,
      [id, customer.customerId],
    );
    if (!found) throw FapiaoException.notFound(id);
    const { bill, ...columns } = found;
    const app = toApplicationEntity(columns);
    return { app, bill: this.billingRecords.billFromJson(bill, app.orderNumber) };
  }

  private async findOwn(
    manager: EntityManager,
    customer: AuthenticatedCustomer,
    id: string,
  ): Promise<FapiaoApplication> {
    const [app] = await manager.query<FapiaoApplication[]>(CUSTOMER_APPLICATION_ROW, [
      id,
      customer.customerId,
    ]);
    if (!app) throw FapiaoException.notFound(id);
    return toApplicationEntity(app);
  }
}

function toApplicationEntity(columns: Pick<FapiaoApplication, 'amountFen'>): FapiaoApplication {
  return Object.assign(new FapiaoApplication(), columns, { amountFen: Number(columns.amountFen) });
}
