import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { FieldError } from '../../common/errors/problem.exception';
import { formatBeijingTime, isBusinessDate, toBusinessDate } from '../../common/time/business-date';
import { Clock } from '../../common/time/clock';
import { inTransaction } from '../../database/transaction';
import { FapiaoErrorCode, FapiaoException } from '../fapiao.exception';
import { ApplicationReader } from './application-reader';
import { ApplicationsRepository } from './applications.repository';
import type { ApplicationDto } from './dto/application.dto';
import { StaffActor, staffActor } from './application-actor';
import { ApplicationStateMachine, IssuedDocumentInput } from './application-state-machine';
import { renumberFapiaoDocument } from './fapiao-documents';
import { checkIssuedDocuments, checkParcel, checkText, DOCUMENT_NUMBER } from './staff-input-rules';
import { FapiaoApplication } from './entities/fapiao-application.entity';

/** The most records a back-office search narrows a list to. */
export const SEARCH_LIMIT = 500;

/** LIKE's wildcards in typed text, escaped so that they match themselves. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A history entry as staff see it: with who took the step (customers see only the step). */
export interface StaffHistoryEntry {
  from: string | null;
  to: string;
  at: string;
  actorType: string;
  actorEmail: string | null;
  remark: string | null;
}

/** What the back office's application page shows: the customer's view plus the full history. */
export interface StaffApplicationView {
  application: ApplicationDto;
  history: StaffHistoryEntry[];
}

/** One issued document in finance's monthly list. */
export interface IssuedDocumentRow {
  number: string;
  kind: string;
  issueDate: string;
  amountFen: number;
  taxAmountFen: number;
  orderId: string;
  orderNumber: string;
  buyerName: string;
  taxId: string | null;
  billAmountFen: number;
}

export interface StaffActionOptions {
  /** The version the staff member saw; a different current one is 409 VERSION_CONFLICT. */
  expectedVersion?: number;
  remark?: string;
  /**
   * The caller's transaction (e.g. the back office's, with its audit-log entry): the step runs
   * in it, so both commit or roll back together. Without it the step opens its own.
   */
  manager?: EntityManager;
}

/**
 * The back office's actions on an application (service-centre staff). Each is one transaction
 * through the state machine and lands in the application's history with the staff member.
 * Invalid input is a 422 (FapiaoException APPLICATION_INVALID), an illegal step a 409.
 */
@Injectable()
export class StaffApplicationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly stateMachine: ApplicationStateMachine,
    private readonly reader: ApplicationReader,
    private readonly applications: ApplicationsRepository,
  ) {}

  /**
   * The applications staff mean by what they typed: an order number, a fapiao number, a taxpayer
   * ID or a contact email (exactly), or part of the company name on the title. At most
   * SEARCH_LIMIT of them, newest first.
   */
  async searchIds(text: string): Promise<string[]> {
    const exact = text.trim().slice(0, 254);
    if (!exact) return [];
    return this.applications.searchIds(exact, likePattern(exact), SEARCH_LIMIT);
  }

  /**
   * Every document issued in a month (issue date in `YYYY-MM`, Asia/Shanghai), with the
   * application's order and title, in issue order: finance's monthly list.
   */
  async issuedInMonth(month: string): Promise<IssuedDocumentRow[]> {
    const first = `${month}-01`;
    return this.applications.findIssuedInMonth(first);
  }

  /** The numbers of the application's documents, oldest first, in the caller's transaction. */
  async documentNumbers(id: string, manager: EntityManager): Promise<string[]> {
    return this.applications.findDocumentNumbers(manager, id);
  }

  /** The application as its customer sees it (title, shipping, documents…) and its full history. */
  async viewForStaff(id: string): Promise<StaffApplicationView> {
    if (!UUID.test(id)) throw FapiaoException.notFound(id);
    const app = await this.applications.findById(id);
    if (!app) throw FapiaoException.notFound(id);
    const application = await this.reader.getForCustomer(app.customerId, id);
    const entries = await this.applications.findHistory(id);
    return {
      application,
      history: entries.map((e) => ({
        from: e.fromStatus,
        to: e.toStatus,
        at: e.at.toISOString(),
        actorType: e.actorType,
        actorEmail: e.actorEmail,
        remark: e.remark,
      })),
    };
  }

  async startProcessing(id: string, staff: StaffActor, options: StaffActionOptions = {}) {
    return this.act(id, options, (m, app) =>
      this.stateMachine.startProcessing(m, app, staffActor(staff), options.remark),
    );
  }

  async putOnHold(
    id: string,
    staff: StaffActor,
    hold: { expectedIssueDate: string; notice: string },
    options: StaffActionOptions = {},
  ) {
    const errors = [...checkText('notice', hold.notice)];
    if (!isBusinessDate(hold.expectedIssueDate)) {
      errors.push({
        field: 'expectedIssueDate',
        message: 'expectedIssueDate must be a date (YYYY-MM-DD)',
      });
    }
    refuse(errors);
    return this.act(id, options, (m, app) =>
      this.stateMachine.putOnHold(m, app, staffActor(staff), {
        expectedIssueDate: hold.expectedIssueDate,
        notice: hold.notice.trim(),
      }),
    );
  }

  async release(id: string, staff: StaffActor, options: StaffActionOptions = {}) {
    return this.act(id, options, (m, app) =>
      this.stateMachine.release(m, app, staffActor(staff), options.remark),
    );
  }

  async issue(
    id: string,
    staff: StaffActor,
    documents: IssuedDocumentInput[],
    options: StaffActionOptions = {},
  ) {
    const today = toBusinessDate(this.clock.now());
    return this.act(id, options, (m, app) => {
      refuse(checkIssuedDocuments(documents, app.amountFen, today));
      return this.stateMachine.issue(m, app, staffActor(staff), documents, options.remark);
    });
  }

  async markMailedOut(
    id: string,
    staff: StaffActor,
    parcel: { carrier: string; trackingNumber: string },
    options: StaffActionOptions = {},
  ) {
    refuse(checkParcel(parcel));
    return this.act(id, options, (m, app) =>
      this.stateMachine.markMailedOut(m, app, staffActor(staff), {
        carrier: parcel.carrier.trim(),
        trackingNumber: parcel.trackingNumber.trim(),
        remark: options.remark,
      }),
    );
  }

  async markReadyForPickup(id: string, staff: StaffActor, options: StaffActionOptions = {}) {
    return this.act(id, options, (m, app) =>
      this.stateMachine.markReadyForPickup(m, app, staffActor(staff), options.remark),
    );
  }

  async markPickedUp(id: string, staff: StaffActor, options: StaffActionOptions = {}) {
    return this.act(id, options, (m, app) =>
      this.stateMachine.markPickedUp(m, app, staffActor(staff), options.remark),
    );
  }

  async reject(id: string, staff: StaffActor, reason: string, options: StaffActionOptions = {}) {
    refuse(checkText('reason', reason));
    return this.act(id, options, (m, app) =>
      this.stateMachine.reject(m, app, staffActor(staff), reason.trim()),
    );
  }

  /**
   * A mistyped carrier or tracking number, corrected for the parcel already sent (not a new
   * one: that is support's re-mail); the customer is told the right number.
   */
  async correctParcel(
    id: string,
    staff: StaffActor,
    correction: { carrier: string; trackingNumber: string; reason: string },
    options: StaffActionOptions = {},
  ) {
    refuse([...checkParcel(correction), ...checkText('reason', correction.reason)]);
    const carrier = correction.carrier.trim();
    const trackingNumber = correction.trackingNumber.trim();
    return this.act(id, options, (m, app) => {
      if (carrier === app.carrier && trackingNumber === app.trackingNumber) {
        refuse([
          { field: 'trackingNumber', message: 'trackingNumber is the one already recorded' },
        ]);
      }
      const remark = corrected(app.locale, {
        what: app.locale === 'en' ? 'Tracking number' : '运单号',
        from: `${app.carrier ?? ''} ${app.trackingNumber ?? ''}`.trim(),
        to: `${carrier} ${trackingNumber}`,
        reason: correction.reason.trim(),
      });
      return this.stateMachine.correctParcel(m, app, staffActor(staff), {
        carrier,
        trackingNumber,
        remark,
      });
    });
  }

  /** A mistyped fapiao number corrected on the document it belongs to; noted in the history. */
  async correctDocumentNumber(
    id: string,
    staff: StaffActor,
    correction: { number: string; newNumber: string; reason: string },
    options: StaffActionOptions = {},
  ) {
    const number = correction.number.trim();
    const newNumber = correction.newNumber.trim();
    const errors = checkText('reason', correction.reason);
    if (!DOCUMENT_NUMBER.test(newNumber)) {
      errors.push({ field: 'newNumber', message: 'newNumber must be 8 to 20 digits' });
    } else if (newNumber === number) {
      errors.push({ field: 'newNumber', message: 'newNumber is the number already recorded' });
    }
    refuse(errors);
    return this.act(id, options, async (m, app) => {
      if (app.status === 'draft' || !(await renumberFapiaoDocument(m, app.id, number, newNumber))) {
        refuse([
          { field: 'number', message: `number ${number} is not a fapiao of this application` },
        ]);
      }
      const remark = corrected(app.locale, {
        what: app.locale === 'en' ? 'Fapiao number' : '发票号码',
        from: number,
        to: newNumber,
        reason: correction.reason.trim(),
      });
      return this.stateMachine.addRemark(m, app, staffActor(staff), remark);
    });
  }

  async addRemark(
    id: string,
    staff: StaffActor,
    remark: string,
    options: Pick<StaffActionOptions, 'manager'> = {},
  ) {
    refuse(checkText('remark', remark));
    return this.act(id, { manager: options.manager }, (m, app) =>
      this.stateMachine.addRemark(m, app, staffActor(staff), remark.trim()),
    );
  }

  private async act(
    id: string,
    options: StaffActionOptions,
    work: (manager: EntityManager, app: FapiaoApplication) => Promise<FapiaoApplication>,
  ): Promise<FapiaoApplication> {
    if (!UUID.test(id)) throw FapiaoException.notFound(id);
    return inTransaction(this.dataSource, options.manager, async (manager) => {
      const app = await this.applications.findById(id, manager);
      if (!app) throw FapiaoException.notFound(id);
      try {
        if (options.expectedVersion !== undefined && options.expectedVersion !== app.version) {
          throw FapiaoException.versionConflict(options.expectedVersion, app.version);
        }
        return await work(manager, app);
      } catch (error) {
        throw await withLastChange(this.applications, manager, id, error);
      }
    });
  }
}

const CONFLICTS: readonly string[] = [
  FapiaoErrorCode.ILLEGAL_TRANSITION,
  FapiaoErrorCode.VERSION_CONFLICT,
];

/**
 * A step refused because the application moved on (typically a colleague was first) also says
 * who last changed its status and when, from its history; any other error is returned as it is.
 */
async function withLastChange(
  applications: ApplicationsRepository,
  manager: EntityManager,
  id: string,
  error: unknown,
): Promise<unknown> {
  if (!(error instanceof FapiaoException) || !CONFLICTS.includes(error.code)) return error;
  const last = await applications.findLastStatusChange(manager, id);
  if (!last) return error;
  const changedBy =
    last.actorEmail ?? (last.actorType === 'customer' ? 'the customer' : 'the system');
  const changedAt = formatBeijingTime(last.at);
  return new FapiaoException(
    error.status,
    error.code as FapiaoErrorCode,
    `${error.detail} ${changedBy} changed it to ${last.toStatus.replace(/_/g, ' ')} at ` +
      `${changedAt} (Beijing time); reload it to see the current state.`,
    {
      errors: error.errors,
      extensions: { ...error.extensions, changedBy, changedAt, changedTo: last.toStatus },
    },
  );
}

/** The history's note of a correction, in the customer's language. */
function corrected(
  locale: string,
  change: { what: string; from: string; to: string; reason: string },
): string {
  return locale === 'en'
    ? `${change.what} corrected: ${change.from} → ${change.to} (${change.reason})`
    : `${change.what}更正：${change.from} → ${change.to}（${change.reason}）`;
}

function refuse(errors: FieldError[]): void {
  if (errors.length > 0) throw FapiaoException.invalid(errors);
}
