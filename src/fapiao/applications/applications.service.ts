import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthenticatedCustomer } from '../../auth/customer/current-customer.decorator';
import { Clock } from '../../common/time/clock';
import { applicationHoldsBill } from '../../orders/billing-records/bill';
import { BillingRecordsService } from '../../orders/billing-records/billing-records.service';
import { WorkingDaysService } from '../calendar/working-days.service';
import { FapiaoException } from '../fapiao.exception';
import { customerActor } from './application-actor';
import { checkApplication } from './application-rules';
import { ApplicationStateMachine } from './application-state-machine';
import { CreateApplicationDto, UpdateApplicationDto } from './dto/application-input.dto';
import { FapiaoApplication } from './entities/fapiao-application.entity';

/** The customer's side of applications: create and edit drafts, confirm, cancel. */
@Injectable()
export class ApplicationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly billingRecords: BillingRecordsService,
    private readonly workingDays: WorkingDaysService,
    private readonly stateMachine: ApplicationStateMachine,
  ) {}

  /** A new draft for one of the customer's bills. Returns its id. */
  async create(customer: AuthenticatedCustomer, input: CreateApplicationDto): Promise<string> {
    const bill = await this.billingRecords.getBillForCustomer(
      customer.customerId,
      input.orderNumber,
    );
    const choices = checkApplication(
      {
        type: input.type,
        purpose: input.purpose ?? 'none',
        title: input.title,
        shipping: input.shipping,
      },
      bill,
    );
    // Early, friendly answer from the bill's record (it shows the application that holds it);
    // the partial unique index is what guarantees one application per bill at confirmation.
    if (applicationHoldsBill(bill.applicationStatus)) {
      throw FapiaoException.billAlreadyApplied(bill.orderNumber);
    }
    return this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      const app = manager.create(FapiaoApplication, {
        orderId: bill.orderId,
        orderNumber: bill.orderNumber,
        customerId: customer.customerId,
        accountId: customer.accountId,
        contactEmail: customer.email,
        locale: customer.locale,
        ...choices,
        amountFen: bill.amountFen,
        status: 'draft',
        version: 1,
        createdAt: now,
        updatedAt: now,
      });
      await manager.insert(FapiaoApplication, app);
      await this.stateMachine.recordCreated(manager, app, customerActor(customer.accountId));
      return app.id;
    });
  }

  /** Edits a draft; `title` and `shipping` replace the whole part; the result is re-checked. */
  async update(
    customer: AuthenticatedCustomer,
    id: string,
    input: UpdateApplicationDto,
  ): Promise<void> {
    const app = await this.findOwn(this.dataSource.manager, customer, id);
    if (app.status !== 'draft')
      throw FapiaoException.illegalTransition(app.status, 'be edited (only a draft can)');
    if (input.version !== undefined && input.version !== app.version) {
      throw FapiaoException.versionConflict(input.version, app.version);
    }
    const bill = await this.billingRecords.getBillForCustomer(customer.customerId, app.orderNumber);
    const choices = checkApplication(
      {
        type: input.type ?? app.type,
        purpose: input.purpose ?? app.purpose,
        title: input.title ?? app.title,
        shipping: input.shipping ?? app.shipping,
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
  ): Promise<void> {
    const app = await this.findOwn(this.dataSource.manager, customer, id);
    if (app.status !== 'draft')
      throw FapiaoException.illegalTransition(app.status, 'be confirmed (only a draft can)');
    const bill = await this.billingRecords.getBillForCustomer(customer.customerId, app.orderNumber);
    checkApplication(app, bill);
    const submittedAt = this.clock.now();
    const dueDate = await this.workingDays.dueDateFor(submittedAt);
    await this.dataSource.transaction(async (manager) => {
      await this.stateMachine.confirm(manager, app, customerActor(customer.accountId), {
        submittedAt,
        dueDate,
        expectedVersion,
        contactEmail: customer.email,
        locale: customer.locale,
      });
    });
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

  private async findOwn(
    manager: EntityManager,
    customer: AuthenticatedCustomer,
    id: string,
  ): Promise<FapiaoApplication> {
    const app = await manager.findOne(FapiaoApplication, {
      where: { id, customerId: customer.customerId },
    });
    if (!app) throw FapiaoException.notFound(id);
    return app;
  }
}
