import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthenticatedCustomer } from '../../auth/customer/current-customer.decorator';
import { Clock } from '../../common/time/clock';
import { BillingRecordsService } from '../../orders/billing-records/billing-records.service';
import { customerActor } from '../applications/application-actor';
import { ApplicationStateMachine } from '../applications/application-state-machine';
import { NON_HOLDING_STATUSES } from '../applications/application-status';
import { ApplicationsRepository } from '../applications/applications.repository';
import type { FapiaoApplication } from '../applications/entities/fapiao-application.entity';
import { FapiaoException } from '../fapiao.exception';
import { CreateSupportRequestDto } from './dto/support-request-input.dto';
import { SupportRequest } from './entities/support-request.entity';
import { SupportRequestMails } from './support-request-mails';
import { SupportRequestsRepository } from './support-requests.repository';
import { checkNewTitle, checkSplitLines } from './support-request-rules';
import { SupportRequestException } from './support-request.exception';
import { formatRequestNumber } from './support-request-status';

/** Application statuses in which the fapiao has been issued (retitle is possible). */
export const ISSUED_STATUSES = ['issued', 'mailed_out', 'ready_for_pickup', 'picked_up'] as const;

/** The customer's side: open a request about one of its bills. */
@Injectable()
export class SupportRequestsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly billingRecords: BillingRecordsService,
    private readonly mails: SupportRequestMails,
    private readonly stateMachine: ApplicationStateMachine,
    private readonly requests: SupportRequestsRepository,
    private readonly applications: ApplicationsRepository,
  ) {}

  /** Checks the request against the bill and its application, stores it, mails a receipt. */
  async create(customer: AuthenticatedCustomer, input: CreateSupportRequestDto): Promise<string> {
    // Another customer's order: 404 ORDER_NOT_FOUND.
    const bill = await this.billingRecords.getBillForCustomer(
      customer.customerId,
      input.orderNumber,
    );
    const app = await this.findApplication(customer.customerId, bill.orderId, input.applicationId);
    const message = (input.message ?? '').trim();
    let lines: SupportRequest['lines'] = null;
    let newTitle: SupportRequest['newTitle'] = null;

    switch (input.type) {
      case 'split': {
        if (!app || NON_HOLDING_STATUSES.includes(app.status)) {
          throw SupportRequestException.applicationNotEligible(
            'A split applies to a submitted fapiao application of the bill: submit the ' +
              'application first, then ask for the split.',
            app?.status ?? 'none',
          );
        }
        lines = checkSplitLines(app.type, input.lines, bill.amountFen);
        break;
      }
      case 'retitle': {
        if (!app || !(ISSUED_STATUSES as readonly string[]).includes(app.status)) {
          const status = app?.status ?? 'none';
          throw SupportRequestException.applicationNotEligible(
            `The application is ${status.replace(/_/g, ' ')}: its fapiao has not been issued, so ` +
              'there is nothing to retitle. Edit the application (while it is a draft) or cancel ' +
              'it and apply again with the right title instead.',
            status,
          );
        }
        newTitle = checkNewTitle(app.type, input.newTitle);
        break;
      }
      case 'not_received': {
        if (!app || app.status !== 'mailed_out') {
          throw SupportRequestException.applicationNotEligible(
            'Only a fapiao that has been mailed out can be reported as not received.',
            app?.status ?? 'none',
          );
        }
        break;
      }
      case 'other':
        if (message === '') {
          throw SupportRequestException.invalid([
            { field: 'message', message: 'message must say what you need' },
          ]);
        }
        break;
    }

    return this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      const values = {
        type: input.type,
        status: 'open',
        version: 1,
        customerId: customer.customerId,
        accountId: customer.accountId,
        contactEmail: customer.email,
        locale: customer.locale,
        orderId: bill.orderId,
        orderNumber: bill.orderNumber,
        billAmountFen: bill.amountFen,
        applicationId: app?.id ?? null,
        lines,
        newTitle,
        message,
        createdAt: now,
        updatedAt: now,
      } satisfies Partial<SupportRequest>;
      const { id, sequence } = await this.requests.insertRequest(manager, values);
      const request = Object.assign(new SupportRequest(), values, { id, sequence });
      await this.requests.addHistoryEntry(manager, {
        requestId: request.id,
        fromStatus: null,
        toStatus: 'open',
        kind: 'status',
        actorType: 'customer',
        actorId: customer.accountId,
        actorEmail: null,
        message: message || null,
        at: now,
      });
      if (lines && app && !ISSUED_STATUSES.some((st) => st === app.status)) {
        // Before issue the split replaces the single fapiao: the application records it.
        await this.stateMachine.addRemark(
          manager,
          app,
          customerActor(customer.accountId),
          splitRequestedRemark(app.locale, formatRequestNumber(request.sequence), lines),
        );
      }
      await this.mails.received(manager, request);
      return request.id;
    });
  }

  /**
   * The named application (404 unless it is this customer's and this bill's), else the one that
   * holds the bill, else the bill's most recent one.
   */
  private async findApplication(
    customerId: string,
    orderId: string,
    applicationId: string | undefined,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<FapiaoApplication | null> {
    if (applicationId) {
      const app = await this.applications.findOwnApplicationOfBill(
        manager,
        customerId,
        orderId,
        applicationId.toLowerCase(),
      );
      if (!app) throw FapiaoException.notFound(applicationId);
      return app;
    }
    return this.applications.findCurrentApplicationOfBill(
      manager,
      customerId,
      orderId,
      NON_HOLDING_STATUSES,
    );
  }
}

function splitRequestedRemark(
  locale: string,
  requestNumber: string,
  lines: { title: { buyerName: string }; amountFen: number }[],
): string {
  const yuan = (fen: number) => (fen / 100).toFixed(2);
  return locale === 'en'
    ? `Split requested (support request ${requestNumber}): ${lines.length} fapiao, ` +
        lines.map((l) => `${l.title.buyerName} ¥${yuan(l.amountFen)}`).join('; ')
    : `已申请拆分（支持请求 ${requestNumber}）：${lines.length} 张发票，` +
        lines.map((l) => `${l.title.buyerName} ¥${yuan(l.amountFen)}`).join('；');
}
