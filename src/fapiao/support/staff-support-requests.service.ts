import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { inTransaction } from '../../database/transaction';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { FieldError } from '../../common/errors/problem.exception';
import { isBusinessDate, toBusinessDate } from '../../common/time/business-date';
import { Clock } from '../../common/time/clock';
import { StaffActor, staffActor } from '../applications/application-actor';
import { ApplicationStateMachine } from '../applications/application-state-machine';
import { FapiaoApplication } from '../applications/entities/fapiao-application.entity';
import {
  DOCUMENT_NUMBER_INDEX,
  FapiaoDocument,
} from '../applications/entities/fapiao-document.entity';
import { checkIssuedDocuments, checkParcel, checkText } from '../applications/staff-input-rules';
import { FapiaoException } from '../fapiao.exception';
import type { FapiaoTitle } from '../titles/fapiao-title';
import { isUniqueViolation } from '../unique-violation';
import { assertBillInvariant } from './bill-ledger';
import type { SupportRequestDto } from './dto/support-request.dto';
import { SupportRequestHistory } from './entities/support-request-history.entity';
import { SupportRequest } from './entities/support-request.entity';
import { SupportRequestMails } from './support-request-mails';
import { SupportRequestReader } from './support-request-reader';
import { checkSplitLines } from './support-request-rules';
import { SupportRequestException } from './support-request.exception';
import { formatRequestNumber, SupportRequestStatus } from './support-request-status';
import { SUPPORT_STEPS, SupportStepName, supportStepAllowed } from './support-request-steps';
import { ISSUED_STATUSES } from './support-requests.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOCUMENT_NUMBER = /^\d{8,20}$/;

/** A red-letter document staff record: its number and date (amount and title follow the blue). */
export interface RedDocumentInput {
  number: string;
  issueDate: string;
}

/** A new blue document: number, date, tax (amount and title follow the request). */
export interface BlueDocumentInput {
  number: string;
  issueDate: string;
  taxAmountFen: number;
}

export interface SupportStepOptions {
  /**
   * The caller's transaction (e.g. the back office's, with its audit-log entry): the step runs
   * in it, so both commit or roll back together. Without it the step opens its own.
   */
  manager?: EntityManager;
}

/** Application statuses in which the paper fapiao has reached the customer (it must come back). */
const DELIVERED_STATUSES = ['mailed_out', 'picked_up'];

/**
 * The support team's steps on a request (the back office puts buttons on them). Each is one
 * transaction: the request row is locked, its status changed by a guarded UPDATE, the step lands
 * in its history; document writes go through the bill invariant (bill-ledger.ts).
 */
@Injectable()
export class StaffSupportRequestsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly stateMachine: ApplicationStateMachine,
    private readonly mails: SupportRequestMails,
    private readonly reader: SupportRequestReader,
  ) {}

  /** The request with the application's carrier and tracking number (not_received). */
  get(id: string): Promise<SupportRequestDto> {
    if (!UUID.test(id)) throw SupportRequestException.notFound(id);
    return this.reader.getForStaff(id);
  }

  /** A reply the customer reads, without a status change. */
  async reply(
    id: string,
    staff: StaffActor,
    message: string,
    options: SupportStepOptions = {},
  ): Promise<SupportRequestDto> {
    refuse(checkText('message', message, 2000));
    return this.act(id, options, async (m, request) => {
      guard(request, 'reply');
      await this.record(m, request, request.status, request.status, staff, message.trim(), 'reply');
    });
  }

  async startProgress(
    id: string,
    staff: StaffActor,
    message?: string,
    options: SupportStepOptions = {},
  ) {
    return this.act(id, options, (m, request) =>
      this.move(m, request, 'startProgress', 'in_progress', staff, message),
    );
  }

  /** Retitle or split of a delivered paper fapiao: the customer sends the original back. */
  async markAwaitingReturn(
    id: string,
    staff: StaffActor,
    message?: string,
    options: SupportStepOptions = {},
  ) {
    return this.act(id, options, (m, request) =>
      this.move(m, request, 'markAwaitingReturn', 'awaiting_return', staff, message),
    );
  }

  /** The original came back on `returnedOn` (YYYY-MM-DD): processing continues. */
  async markReturned(
    id: string,
    staff: StaffActor,
    returnedOn: string,
    message?: string,
    options: SupportStepOptions = {},
  ) {
    const today = toBusinessDate(this.clock.now());
    if (!isBusinessDate(returnedOn) || returnedOn > today) {
      refuse([
        {
          field: 'returnedOn',
          message: 'returnedOn must be a date (YYYY-MM-DD), not in the future',
        },
      ]);
    }
    return this.act(id, options, (m, request) =>
      this.move(
        m,
        request,
        'markReturned',
        'in_progress',
        staff,
        message ?? `Original fapiao returned on ${returnedOn}`,
        { returnedAt: returnedOn },
      ),
    );
  }

  /**
   * Retitle: a red-letter document reverses the original (same amount, negative, linked), then a
   * new blue document with the new title; the application is issued again (then mailed or picked
   * up like any fapiao). `documentNumber` names the blue one to reverse when there are several.
   */
  async issueRetitle(
    id: string,
    staff: StaffActor,
    input: { red: RedDocumentInput; blue: BlueDocumentInput; documentNumber?: string },
    options: SupportStepOptions = {},
  ) {
    const today = toBusinessDate(this.clock.now());
    refuse(checkRed([input.red], today, 'red'));
    return this.act(id, options, async (m, request) => {
      guard(request, 'issueRetitle');
      const app = await this.lockApplication(m, request);
      this.refuseUnreturned(request, app);
      const valid = await validBlueDocuments(m, app.id);
      const original = input.documentNumber
        ? valid.find((d) => d.number === input.documentNumber)
        : valid.length === 1
          ? valid[0]
          : undefined;
      if (!original) {
        refuse([
          {
            field: 'documentNumber',
            message: input.documentNumber
              ? `documentNumber ${input.documentNumber} is not a valid fapiao of the application`
              : 'documentNumber must name the fapiao to retitle (the application has several)',
          },
        ]);
      }
      const blue = { ...input.blue, amountFen: original!.amountFen, buyerTitle: request.newTitle! };
      refuse(prefix('blue', checkIssuedDocuments([blue], original!.amountFen, today)));
      await this.reverse(m, request, app, staff, [{ original: original!, red: input.red }]);
      await this.insertBlue(m, request, app, staff, [blue]);
      const retitlesAll = valid.length === 1;
      await this.stateMachine.reissue(m, app, staffActor(staff), {
        remark: reissueRemark(app.locale, request, [input.red.number], [blue.number]),
        documents: [{ number: blue.number, issueDate: blue.issueDate, amountFen: blue.amountFen }],
        changes: retitlesAll ? { title: titleColumns(request.newTitle!) } : undefined,
      });
      await this.record(
        m,
        request,
        request.status,
        request.status,
        staff,
        reissueRemark(app.locale, request, [input.red.number], [blue.number]),
        'reply',
      );
    });
  }

  /**
   * Split: one blue document per line of the request. Before issue the application is issued
   * with them (it records the split in its history); after issue every valid blue document is
   * first reversed by a red-letter one (`reversals`, in the order of the documents).
   */
  async issueSplit(
    id: string,
    staff: StaffActor,
    input: { documents: BlueDocumentInput[]; reversals?: RedDocumentInput[] },
    options: SupportStepOptions = {},
  ) {
    const today = toBusinessDate(this.clock.now());
    return this.act(id, options, async (m, request) => {
      guard(request, 'issueSplit');
      const app = await this.lockApplication(m, request);
      // Support cannot approve a split whose lines no longer add up.
      const lines = checkSplitLines(app.type, request.lines, app.amountFen);
      if (!Array.isArray(input.documents) || input.documents.length !== lines.length) {
        refuse([
          {
            field: 'documents',
            message: `documents must list one fapiao per line (${lines.length})`,
          },
        ]);
      }
      const documents = input.documents.map((d, i) => ({
        ...d,
        amountFen: lines[i].amountFen,
        buyerTitle: lines[i].title,
      }));
      refuse(checkIssuedDocuments(documents, app.amountFen, today));
      const numbers = documents.map((d) => d.number);

      if (app.status === 'submitted' || app.status === 'processing') {
        if (app.status === 'submitted')
          await this.stateMachine.startProcessing(m, app, staffActor(staff));
        const remark = splitRemark(app.locale, request, numbers);
        await this.stateMachine.issue(m, app, staffActor(staff), documents, remark);
        await assertBillInvariant(m, app, true);
        await this.record(m, request, request.status, request.status, staff, remark, 'reply');
        return;
      }
      if (!(ISSUED_STATUSES as readonly string[]).includes(app.status)) {
        throw SupportRequestException.applicationNotEligible(
          `The application is ${app.status.replace(/_/g, ' ')}: the split cannot be issued now.`,
          app.status,
        );
      }
      this.refuseUnreturned(request, app);
      const valid = await validBlueDocuments(m, app.id);
      const reversals = input.reversals ?? [];
      if (reversals.length !== valid.length) {
        refuse([
          {
            field: 'reversals',
            message: `reversals must list one red-letter fapiao per issued fapiao (${valid.length})`,
          },
        ]);
      }
      refuse(checkRed(reversals, today, 'reversals'));
      await this.reverse(
        m,
        request,
        app,
        staff,
        valid.map((original, i) => ({ original, red: reversals[i] })),
      );
      await this.insertBlue(m, request, app, staff, documents);
      const remark = reissueRemark(
        app.locale,
        request,
        reversals.map((r) => r.number),
        numbers,
      );
      await this.stateMachine.reissue(m, app, staffActor(staff), {
        remark,
        documents: documents.map((d) => ({
          number: d.number,
          issueDate: d.issueDate,
          amountFen: d.amountFen,
        })),
      });
      await this.record(m, request, request.status, request.status, staff, remark, 'reply');
    });
  }

  /** Not received: the same documents mailed again with a new tracking number. */
  async reMail(
    id: string,
    staff: StaffActor,
    parcel: { carrier: string; trackingNumber: string },
    options: SupportStepOptions = {},
  ) {
    refuse(checkParcel(parcel));
    return this.act(id, options, async (m, request) => {
      guard(request, 'reMail');
      const app = await this.lockApplication(m, request);
      const carrier = parcel.carrier.trim();
      const trackingNumber = parcel.trackingNumber.trim();
      if (trackingNumber === app.trackingNumber) {
        refuse([{ field: 'trackingNumber', message: 'trackingNumber must be a new one' }]);
      }
      await this.stateMachine.remail(m, app, staffActor(staff), { carrier, trackingNumber });
      const text =
        app.locale === 'en'
          ? `Mailed again by ${carrier}, tracking number ${trackingNumber}`
          : `已重新寄出：${carrier}，运单号 ${trackingNumber}`;
      await this.record(m, request, request.status, request.status, staff, text, 'reply');
    });
  }

  async resolve(
    id: string,
    staff: StaffActor,
    resolution: string,
    options: SupportStepOptions = {},
  ) {
    refuse(checkText('resolution', resolution));
    return this.act(id, options, async (m, request) => {
      if (request.applicationId && (request.type === 'split' || request.type === 'retitle')) {
        const app = await this.lockApplication(m, request);
        const ledger = await assertBillInvariant(m, app, true);
        if (ledger.netFen === 0) {
          throw SupportRequestException.illegalTransition(
            request.status,
            'be resolved before the fapiao are issued',
          );
        }
      }
      await this.move(m, request, 'resolve', 'resolved', staff, resolution.trim(), {
        resolution: resolution.trim(),
      });
      await this.mails.concluded(m, request, 'resolved', resolution.trim());
    });
  }

  async reject(id: string, staff: StaffActor, reason: string, options: SupportStepOptions = {}) {
    refuse(checkText('reason', reason));
    return this.act(id, options, async (m, request) => {
      await this.move(m, request, 'reject', 'rejected', staff, reason.trim(), {
        resolution: reason.trim(),
      });
      await this.mails.concluded(m, request, 'rejected', reason.trim());
    });
  }

  // ---------------------------------------------------------------------------------------------

  /** Locks the request, does the work; reads the result in the same transaction. */
  private async act(
    id: string,
    options: SupportStepOptions,
    work: (manager: EntityManager, request: SupportRequest) => Promise<void>,
  ): Promise<SupportRequestDto> {
    if (!UUID.test(id)) throw SupportRequestException.notFound(id);
    return inTransaction(this.dataSource, options.manager, async (manager) => {
      const request = await manager.findOne(SupportRequest, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!request) throw SupportRequestException.notFound(id);
      request.sequence = Number(request.sequence);
      request.billAmountFen = Number(request.billAmountFen);
      await work(manager, request);
      return this.reader.getForStaff(id, manager);
    });
  }

  /** Guarded status change (`WHERE status = <read> AND version = <read>`) and a history entry. */
  private async move(
    manager: EntityManager,
    request: SupportRequest,
    step: SupportStepName,
    to: SupportRequestStatus,
    staff: StaffActor,
    message: string | undefined,
    changes: Partial<Pick<SupportRequest, 'returnedAt' | 'resolution'>> = {},
  ): Promise<void> {
    guard(request, step);
    const { action } = SUPPORT_STEPS[step];
    const now = this.clock.now();
    const result = await manager
      .createQueryBuilder()
      .update(SupportRequest)
      .set({ ...changes, status: to, version: () => 'version + 1', updatedAt: now })
      .where('id = :id AND status = :status AND version = :version', {
        id: request.id,
        status: request.status,
        version: request.version,
      })
      .execute();
    if (!result.affected) throw SupportRequestException.illegalTransition(request.status, action);
    const previous = request.status;
    Object.assign(request, changes, { status: to, version: request.version + 1 });
    await this.record(manager, request, previous, to, staff, message?.trim() || null, 'status');
  }

  private async record(
    manager: EntityManager,
    request: SupportRequest,
    from: SupportRequestStatus,
    to: SupportRequestStatus,
    staff: StaffActor,
    message: string | null,
    kind: 'status' | 'reply',
  ): Promise<void> {
    await manager.insert(SupportRequestHistory, {
      requestId: request.id,
      fromStatus: from,
      toStatus: to,
      kind,
      actorType: 'staff',
      actorId: staff.staffId,
      actorEmail: staff.staffEmail,
      message,
      at: this.clock.now(),
    });
  }

  private async lockApplication(
    manager: EntityManager,
    request: SupportRequest,
  ): Promise<FapiaoApplication> {
    if (!request.applicationId) {
      throw SupportRequestException.applicationNotEligible(
        'The request names no fapiao application.',
        'none',
      );
    }
    const app = await manager.findOne(FapiaoApplication, {
      where: { id: request.applicationId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!app) throw FapiaoException.notFound(request.applicationId);
    app.amountFen = Number(app.amountFen);
    return app;
  }

  /** A delivered paper fapiao is reversed only once it has come back (markReturned). */
  private refuseUnreturned(request: SupportRequest, app: FapiaoApplication): void {
    if (DELIVERED_STATUSES.includes(app.status) && !request.returnedAt) {
      throw SupportRequestException.illegalTransition(
        request.status,
        'reverse a delivered fapiao before the original has come back (mark it returned first)',
      );
    }
  }

  private async reverse(
    manager: EntityManager,
    request: SupportRequest,
    app: FapiaoApplication,
    staff: StaffActor,
    reversals: { original: FapiaoDocument; red: RedDocumentInput }[],
  ): Promise<void> {
    await this.insertDocuments(
      manager,
      reversals.map(({ original, red }) => ({
        applicationId: app.id,
        kind: 'red' as const,
        number: red.number,
        issueDate: red.issueDate,
        amountFen: -original.amountFen,
        taxAmountFen: -original.taxAmountFen,
        buyerTitle: original.buyerTitle,
        reversesDocumentId: original.id,
        issuedByStaffId: staff.staffId,
      })),
    );
    // Reversed: the net is below the bill for a moment; it must never exceed it.
    await assertBillInvariant(manager, app, false);
    void request;
  }

  private async insertBlue(
    manager: EntityManager,
    request: SupportRequest,
    app: FapiaoApplication,
    staff: StaffActor,
    documents: (BlueDocumentInput & { amountFen: number; buyerTitle: FapiaoTitle })[],
  ): Promise<void> {
    await this.insertDocuments(
      manager,
      documents.map((d) => ({
        applicationId: app.id,
        kind: 'blue' as const,
        number: d.number,
        issueDate: d.issueDate,
        amountFen: d.amountFen,
        taxAmountFen: d.taxAmountFen,
        buyerTitle: d.buyerTitle,
        reversesDocumentId: null,
        issuedByStaffId: staff.staffId,
        // After the reversals of the same transaction, so the chain reads in order.
        createdAt: () => "now() + interval '1 millisecond'",
      })),
    );
    await assertBillInvariant(manager, app, true);
    void request;
  }

  private async insertDocuments(
    manager: EntityManager,
    rows: QueryDeepPartialEntity<FapiaoDocument>[],
  ): Promise<void> {
    try {
      await manager.insert(FapiaoDocument, rows);
    } catch (error) {
      if (isUniqueViolation(error, DOCUMENT_NUMBER_INDEX)) {
        throw FapiaoException.documentNumberTaken(rows.map((r) => String(r.number)).join(', '));
      }
      if (isUniqueViolation(error, 'uq_fapiao_documents_reverses_document_id')) {
        throw SupportRequestException.illegalTransition('in_progress', 'reverse a fapiao twice');
      }
      throw error;
    }
  }
}

/** Blue documents of the application that no red one reverses, oldest first. */
async function validBlueDocuments(
  manager: EntityManager,
  applicationId: string,
): Promise<FapiaoDocument[]> {
  const docs = await manager
    .createQueryBuilder(FapiaoDocument, 'd')
    .where("d.application_id = :applicationId AND d.kind = 'blue'", { applicationId })
    .andWhere('NOT EXISTS (SELECT 1 FROM fapiao_documents r WHERE r.reverses_document_id = d.id)')
    .orderBy('d.created_at')
    .addOrderBy('d.number')
    .getMany();
  return docs.map((d) =>
    Object.assign(d, { amountFen: Number(d.amountFen), taxAmountFen: Number(d.taxAmountFen) }),
  );
}

function titleColumns(title: FapiaoTitle) {
  return {
    buyerName: title.buyerName,
    taxId: title.taxId ?? null,
    address: title.address ?? null,
    phone: title.phone ?? null,
    bankName: title.bankName ?? null,
    bankAccount: title.bankAccount ?? null,
  };
}

function checkRed(reds: RedDocumentInput[], today: string, field: string): FieldError[] {
  const errors: FieldError[] = [];
  reds.forEach((r, i) => {
    const at = `${field}${field === 'red' ? '' : `.${i}`}`;
    if (!r || typeof r.number !== 'string' || !DOCUMENT_NUMBER.test(r.number)) {
      errors.push({ field: `${at}.number`, message: `${at}.number must be 8 to 20 digits` });
    }
    if (
      !r ||
      typeof r.issueDate !== 'string' ||
      !isBusinessDate(r.issueDate) ||
      r.issueDate > today
    ) {
      errors.push({
        field: `${at}.issueDate`,
        message: `${at}.issueDate must be a date (YYYY-MM-DD), not in the future`,
      });
    }
  });
  return errors;
}

function prefix(name: string, errors: FieldError[]): FieldError[] {
  return errors.map((e) => ({
    field: e.field.replace(/^documents\.0/, name),
    message: e.message.replace(/documents\.0/g, name),
  }));
}

/** 409 unless SUPPORT_STEPS allows the step for the request's type and status. */
function guard(request: SupportRequest, step: SupportStepName): void {
  if (supportStepAllowed(step, request)) return;
  const { action } = SUPPORT_STEPS[step];
  const wrongType = !supportStepAllowed(step, { ...request, status: SUPPORT_STEPS[step].from[0] });
  throw SupportRequestException.illegalTransition(
    request.status,
    wrongType ? `${action} (it is a ${request.type.replace(/_/g, ' ')} request)` : action,
  );
}

function refuse(errors: FieldError[]): void {
  if (errors.length > 0) throw SupportRequestException.invalid(errors);
}

function splitRemark(locale: string, request: SupportRequest, numbers: string[]): string {
  const n = formatRequestNumber(request.sequence);
  return locale === 'en'
    ? `Split into ${numbers.length} fapiao (support request ${n}): no. ${numbers.join(', ')}`
    : `按支持请求 ${n} 拆分为 ${numbers.length} 张发票，发票号码：${numbers.join('、')}`;
}

function reissueRemark(
  locale: string,
  request: SupportRequest,
  reds: string[],
  blues: string[],
): string {
  const n = formatRequestNumber(request.sequence);
  return locale === 'en'
    ? `Support request ${n}: red-letter fapiao no. ${reds.join(', ')} reverse the original; new fapiao no. ${blues.join(', ')}`
    : `支持请求 ${n}：已开具红字发票 ${reds.join('、')} 冲销原发票；新发票号码：${blues.join('、')}`;
}
