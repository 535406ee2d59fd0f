import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { inTransaction } from '../../database/transaction';
import type { FieldError } from '../../common/errors/problem.exception';
import { formatBeijingTime, isBusinessDate, toBusinessDate } from '../../common/time/business-date';
import { Clock } from '../../common/time/clock';
import { StaffActor, staffActor } from '../applications/application-actor';
import { ApplicationStateMachine } from '../applications/application-state-machine';
import { likePattern, SEARCH_LIMIT } from '../applications/staff-applications.service';
import type { FapiaoApplication } from '../applications/entities/fapiao-application.entity';
import { checkIssuedDocuments, checkParcel, checkText } from '../applications/staff-input-rules';
import {
  DIGITAL_DOCUMENT_NUMBER,
  isDigitalDelivery,
} from '../document-files/digital-issue.service';
import type { SupportRequestDto } from './dto/support-request.dto';
import type { SupportRequest } from './entities/support-request.entity';
import {
  assertSplitIssued,
  BlueDocumentInput,
  checkRed,
  insertBlueDocuments,
  NewBlueDocument,
  RedDocumentInput,
  refuseUnissued,
  refuseUnreturned,
  reissueRemark,
  Reversal,
  reverseDocuments,
  splitRemark,
  validBlueDocuments,
} from './support-request-documents';
import { SupportRequestMails } from './support-request-mails';
import { guardStep, SupportRequestMoves } from './support-request-moves';
import { SupportRequestsRepository } from './support-requests.repository';
import { SupportRequestReader } from './support-request-reader';
import { checkSplitLines } from './support-request-rules';
import { SupportErrorCode, SupportRequestException } from './support-request.exception';
import { formatRequestNumber, type SupportRequestStatus } from './support-request-status';
import type { SupportStepName } from './support-request-steps';
import { ISSUED_STATUSES } from './support-requests.service';
import { type FapiaoTitle, fullTitle } from '../titles/fapiao-title';

export type { BlueDocumentInput, RedDocumentInput } from './support-request-documents';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface SupportStepOptions {
  /**
   * The caller's transaction (e.g. the back office's, with its audit-log entry): the step runs
   * in it, so both commit or roll back together. Without it the step opens its own.
   */
  manager?: EntityManager;
}

/**
 * The support team's steps on a request (the back office puts buttons on them). Each is one
 * transaction: the request row is locked, its status changed by a guarded UPDATE, the step lands
 * in its history (support-request-moves.ts); document writes go through the bill invariant
 * (support-request-documents.ts, bill-ledger.ts).
 */
/** A support request as a link on its application's page. */
export interface LinkedSupportRequest {
  id: string;
  requestNumber: string;
  type: string;
  status: string;
  createdAt: string;
}

@Injectable()
export class StaffSupportRequestsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly stateMachine: ApplicationStateMachine,
    private readonly mails: SupportRequestMails,
    private readonly reader: SupportRequestReader,
    private readonly moves: SupportRequestMoves,
    private readonly requests: SupportRequestsRepository,
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
      guardStep(request, 'reply');
      await this.moves.recordReply(m, request, staff, message.trim());
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
      guardStep(request, 'issueRetitle');
      await this.moves.claimDocuments(m, request, staff);
      const app = await this.moves.lockApplication(m, request);
      refuseUnreturned(request, app);
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
      // A digital fapiao cannot be reversed without a red-letter form (src/fapiao/red-letter).
      if (
        isDigitalDelivery(app.shipping.method) &&
        DIGITAL_DOCUMENT_NUMBER.test(original!.number)
      ) {
        throw SupportRequestException.illegalTransition(
          request.status,
          'reverse a digital fapiao in one step: raise a red-letter confirmation form, then record the red and the new fapiao',
        );
      }
      const blue = { ...input.blue, amountFen: original!.amountFen, buyerTitle: request.newTitle! };
      refuse(prefix('blue', checkIssuedDocuments([blue], original!.amountFen, today)));
      const retitlesAll = valid.length === 1;
      await this.reissue(
        m,
        request,
        app,
        staff,
        [{ original: original!, red: input.red }],
        [blue],
        retitlesAll ? { title: fullTitle(request.newTitle!) } : undefined,
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
      guardStep(request, 'issueSplit');
      await this.moves.claimDocuments(m, request, staff);
      const app = await this.moves.lockApplication(m, request);
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
        await assertSplitIssued(m, app);
        await this.moves.recordReply(m, request, staff, remark);
        return;
      }
      if (!(ISSUED_STATUSES as readonly string[]).includes(app.status)) {
        throw SupportRequestException.applicationNotEligible(
          `The application is ${app.status.replace(/_/g, ' ')}: the split cannot be issued now.`,
          app.status,
        );
      }
      refuseUnreturned(request, app);
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
      const pairs = valid.map((original, i) => ({ original, red: reversals[i] }));
      await this.reissue(m, request, app, staff, pairs, documents);
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
      guardStep(request, 'reMail');
      const app = await this.moves.lockApplication(m, request);
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
      await this.moves.recordReply(m, request, staff, text);
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
        await refuseUnissued(m, request, await this.moves.lockApplication(m, request));
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

  /** The support requests about one application, newest first (for its back-office page). */
  async listForApplication(applicationId: string): Promise<LinkedSupportRequest[]> {
    if (!UUID.test(applicationId)) return [];
    const requests = await this.requests.findForApplication(applicationId);
    return requests.map((r) => ({
      id: r.id,
      requestNumber: formatRequestNumber(r.sequence),
      type: r.type,
      status: r.status,
      createdAt: r.createdAt.toISOString(),
    }));
  }

  /**
   * The support requests staff mean by what they typed: the order number, a contact email, a
   * fapiao number or taxpayer ID of their application, new title or split lines (exactly), or
   * part of a company name there. At most SEARCH_LIMIT, newest first.
   */
  async searchIds(text: string): Promise<string[]> {
    const exact = text.trim().slice(0, 254);
    if (!exact) return [];
    return this.requests.searchIds(exact, likePattern(exact), SEARCH_LIMIT);
  }

  /** A support request as support staff read it (lines, new title, history, replies). */
  viewForStaff(id: string): Promise<SupportRequestDto> {
    if (!UUID.test(id)) throw SupportRequestException.notFound(id);
    return this.reader.getForStaff(id);
  }

  /** Locks the request, does the work; reads the result in the same transaction. */
  private async act(
    id: string,
    options: SupportStepOptions,
    work: (manager: EntityManager, request: SupportRequest) => Promise<void>,
  ): Promise<SupportRequestDto> {
    if (!UUID.test(id)) throw SupportRequestException.notFound(id);
    return inTransaction(this.dataSource, options.manager, async (manager) => {
      const request = await this.requests.findForUpdate(manager, id);
      if (!request) throw SupportRequestException.notFound(id);
      try {
        await work(manager, request);
      } catch (error) {
        throw await withLastChange(this.requests, manager, id, error);
      }
      return this.reader.getForStaff(id, manager);
    });
  }

  /**
   * After issue (retitle, split): red-letter documents reverse `reversals`, the new blue
   * `documents` replace them, the application is issued again; both histories get the remark.
   */
  private async reissue(
    manager: EntityManager,
    request: SupportRequest,
    app: FapiaoApplication,
    staff: StaffActor,
    reversals: Reversal[],
    documents: NewBlueDocument[],
    changes?: { title: Required<FapiaoTitle> },
  ): Promise<void> {
    await reverseDocuments(manager, app, staff, reversals);
    await insertBlueDocuments(manager, app, staff, documents);
    const reds = reversals.map((r) => r.red.number);
    const remark = reissueRemark(
      app.locale,
      request,
      reds,
      documents.map((d) => d.number),
    );
    await this.stateMachine.reissue(manager, app, staffActor(staff), {
      remark,
      documents: documents.map((d) => ({
        number: d.number,
        issueDate: d.issueDate,
        amountFen: d.amountFen,
      })),
      changes,
    });
    await this.moves.recordReply(manager, request, staff, remark);
  }

  private move(
    manager: EntityManager,
    request: SupportRequest,
    step: SupportStepName,
    to: SupportRequestStatus,
    staff: StaffActor,
    message: string | undefined,
    changes: Partial<Pick<SupportRequest, 'returnedAt' | 'resolution'>> = {},
  ): Promise<void> {
    return this.moves.move(manager, request, step, to, staff, message, changes);
  }
}

/**
 * A step refused because the request moved on (a colleague was first) also says who last changed
 * its status and when, from its history; any other error is returned as it is.
 */
async function withLastChange(
  requests: SupportRequestsRepository,
  manager: EntityManager,
  id: string,
  error: unknown,
): Promise<unknown> {
  if (
    !(error instanceof SupportRequestException) ||
    error.code !== String(SupportErrorCode.ILLEGAL_REQUEST_TRANSITION)
  ) {
    return error;
  }
  const last = await requests.findLastStatusChange(manager, id);
  if (!last) return error;
  const changedBy =
    last.actorEmail ?? (last.actorType === 'customer' ? 'the customer' : 'the system');
  const changedAt = formatBeijingTime(last.at);
  return new SupportRequestException(
    error.status,
    error.code,
    `${error.detail} ${changedBy} changed it to ${last.toStatus.replace(/_/g, ' ')} at ` +
      `${changedAt} (Beijing time); reload it to see the current state.`,
    { extensions: { ...error.extensions, changedBy, changedAt, changedTo: last.toStatus } },
  );
}

function prefix(name: string, errors: FieldError[]): FieldError[] {
  return errors.map((e) => ({
    field: e.field.replace(/^documents\.0/, name),
    message: e.message.replace(/documents\.0/g, name),
  }));
}

function refuse(errors: FieldError[]): void {
  if (errors.length > 0) throw SupportRequestException.invalid(errors);
}
