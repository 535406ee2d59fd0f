import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthenticatedCustomer } from '../../auth/customer/current-customer.decorator';
import { Clock } from '../../common/time/clock';
import { applicationHoldsBill, type Bill } from '../../orders/billing-records/bill';
import { BillingRecordsService } from '../../orders/billing-records/billing-records.service';
import { OrdersException } from '../../orders/orders.exception';
import { withDeliveryDefaults } from '../../shipping/shipping-rules';
import { WorkingDaysService } from '../calendar/working-days.service';
import { FapiaoException } from '../fapiao.exception';
import { customerActor } from './application-actor';
import {
  type ApplicationChoices,
  applicationFieldErrors,
  checkApplication,
  checkBillRules,
  normaliseChoices,
} from './application-rules';
import { ApplicationStateMachine } from './application-state-machine';
import { toApplicationDto } from './application-view';
import { ApplicationsRepository } from './applications.repository';
import { CreateApplicationDto, UpdateApplicationDto } from './dto/application-input.dto';
import { ApplicationDto } from './dto/application.dto';
import { FapiaoApplication } from './entities/fapiao-application.entity';

/** A create whose bill's open draft ended between two statements is tried again this often. */
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
    private readonly applications: ApplicationsRepository,
  ) {}

  /** A new draft for one of the customer's bills, as the customer sees it. */
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
    const draft = {
      customerId: customer.customerId,
      accountId: customer.accountId,
      contactEmail: customer.email,
      locale: customer.locale,
      ...choices,
    };
    for (let attempt = 1; attempt <= CREATE_ATTEMPTS; attempt++) {
      const bill = await this.bill(customer, input.orderNumber);
      checkBillRules(choices, bill);
      if (applicationHoldsBill(bill.applicationStatus)) {
        throw FapiaoException.billAlreadyApplied(bill.orderNumber);
      }
      const row = await this.stateMachine.create(
        this.dataSource,
        draft,
        bill,
        customerActor(customer.accountId),
      );
      if (row) return toApplicationDto(row);
      // The one-draft-per-bill index refused it: name the open draft, unless it ended meanwhile.
      const draftId = await this.applications.findOpenDraftId(
        this.dataSource.manager,
        customer.customerId,
        bill.orderId,
      );
      if (draftId) throw FapiaoException.draftExists(bill.orderNumber, draftId);
    }
    throw OrdersException.billNoLongerApplicable(input.orderNumber);
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
    const updated = await this.applications.updateDraft(
      this.dataSource.manager,
      app,
      { ...choices, contactEmail: customer.email, locale: customer.locale },
      this.clock.now(),
    );
    if (!updated) {
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
    // One transaction: the guarded move, its history, the bill's status and the receipt mail.
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

  private bill(customer: AuthenticatedCustomer, orderNumber: string): Promise<Bill> {
    return this.billingRecords.getBillForCustomer(customer.customerId, orderNumber);
  }

  /** The customer's application and the bill it is for. */
  private async findOwnWithBill(
    customer: AuthenticatedCustomer,
    id: string,
  ): Promise<{ app: FapiaoApplication; bill: Bill }> {
    const manager = this.dataSource.manager;
    const app = await this.findOwn(manager, customer, id);
    const bill = await this.billingRecords.getBillOfOrder(manager, app.orderId, app.orderNumber);
    return { app, bill };
  }

  private async findOwn(
    manager: EntityManager,
    customer: AuthenticatedCustomer,
    id: string,
  ): Promise<FapiaoApplication> {
    const app = await this.applications.findOwnApplication(customer.customerId, id, manager);
    if (!app) throw FapiaoException.notFound(id);
    return app;
  }
}
