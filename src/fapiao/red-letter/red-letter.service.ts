import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { FieldError, ProblemException } from '../../common/errors/problem.exception';
import { toBusinessDate } from '../../common/time/business-date';
import { Clock } from '../../common/time/clock';
import { inTransaction } from '../../database/transaction';
import { NotificationsService } from '../../notifications/notifications.service';
import { StaffActor, staffActor } from '../applications/application-actor';
import { ApplicationMails } from '../applications/application-mails';
import { ApplicationStateMachine } from '../applications/application-state-machine';
import type { FapiaoApplication } from '../applications/entities/fapiao-application.entity';
import { FapiaoDocument } from '../applications/entities/fapiao-document.entity';
import { insertFapiaoDocuments } from '../applications/fapiao-documents';
import { checkIssuedDocuments } from '../applications/staff-input-rules';
import {
  DIGITAL_DOCUMENT_NUMBER,
  DigitalIssueService,
  isDigitalDelivery,
  type IssuedDocumentWithFiles,
  type UploadedFapiaoFile,
} from '../document-files/digital-issue.service';
import type { FapiaoFileKind } from '../document-files/document-file.entity';
import { assertBillInvariant } from '../support/bill-ledger';
import { SupportRequest } from '../support/entities/support-request.entity';
import {
  checkRed,
  insertBlueDocuments,
  reissueRemark,
  validBlueDocuments,
} from '../support/support-request-documents';
import { SupportRequestMails } from '../support/support-request-mails';
import { guardStep, SupportRequestMoves } from '../support/support-request-moves';
import { formatRequestNumber } from '../support/support-request-status';
import { SupportRequestException } from '../support/support-request.exception';
import { fullTitle } from '../titles/fapiao-title';
import { isUniqueViolation } from '../unique-violation';
import type { RedLetterFormDto } from './dto/red-letter-form.dto';
import { RedLetterFormHistory } from './entities/red-letter-form-history.entity';
import { OPEN_FORM_PER_DOCUMENT_INDEX, RedLetterForm } from './entities/red-letter-form.entity';
import { RedLetterException } from './red-letter.exception';
import { formMessages } from './red-letter-messages';
import {
  CONFIRMATION_HOURS,
  isRedLetterReason,
  type RedLetterReason,
  type RedLetterStatus,
} from './red-letter-status';
import { redLetterFormsJson, toRedLetterFormDto, type RedLetterFormRow } from './red-letter-view';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HOUR_MS = 3_600_000;

/** Request types whose fapiao support reverses through a form (retitle: whole; other: part). */
const REVERSING_TYPES = ['retitle', 'other'];

export interface OpenFormInput {
  reasonCode: string;
  /** Fen, tax included; the whole original when absent. */
  amountFen?: number;
  /** The fapiao to reverse, when the application has several. */
  documentNumber?: string;
  /** Staff recorded whether the buyer booked the fapiao (default: assume it did). */
  buyerBooked?: boolean;
}

export type FapiaoFiles = Partial<Record<FapiaoFileKind, UploadedFapiaoFile>>;

export interface RedFapiaoInput {
  number: string;
  issueDate: string;
  /** Fen; required for a partial reversal (the whole original's tax otherwise). */
  taxAmountFen?: number;
  files?: FapiaoFiles;
}

export interface NewBlueInput {
  number: string;
  issueDate: string;
  taxAmountFen: number;
  taxRateBasisPoints?: number | null;
  files?: FapiaoFiles;
}

export interface RedLetterStepOptions {
  /** The caller's transaction (the back office's, with its audit entry). */
  manager?: EntityManager;
}

/**
 * Red letter for digital fapiao: support raises a confirmation form on a retitle (or reversal)
 * request, records the buyer's confirmation, the red fapiao and then the new blue one. Each step
 * is one transaction whose state change is a guarded UPDATE (`WHERE status = <expected>`), so a
 * repeated or concurrent step changes nothing and answers 409.
 */
@Injectable()
export class RedLetterService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly stateMachine: ApplicationStateMachine,
    private readonly digitalIssue: DigitalIssueService,
    private readonly notifications: NotificationsService,
    private readonly requestMails: SupportRequestMails,
    private readonly applicationMails: ApplicationMails,
    private readonly requestMoves: SupportRequestMoves,
  ) {}

  /** The forms of a support request, oldest first. */
  async formsOfRequest(requestId: string, manager?: EntityManager): Promise<RedLetterFormDto[]> {
    if (!UUID.test(requestId)) return [];
    return this.read('support_request_id', requestId, manager);
  }

  /** The forms of an application, oldest first. */
  async formsOfApplication(
    applicationId: string,
    manager?: EntityManager,
  ): Promise<RedLetterFormDto[]> {
    if (!UUID.test(applicationId)) return [];
    return this.read('application_id', applicationId, manager);
  }

  /** The request's form that still stands (waiting or confirmed), if any. */
  async standingFormId(requestId: string, manager?: EntityManager): Promise<string | null> {
    if (!UUID.test(requestId)) return null;
    const [row]: { id: string }[] = await (manager ?? this.dataSource).query(
      `SELECT id FROM red_letter_forms
        WHERE support_request_id = $1 AND status IN ('waiting_for_buyer', 'confirmed')
        ORDER BY created_at DESC LIMIT 1`,
      [requestId],
    );
    return row?.id ?? null;
  }

  /**
   * Raises a form for the request's digital fapiao. It waits for the buyer (72 hours) when the
   * buyer is a taxpayer that booked the fapiao; otherwise it is confirmed at once. The customer
   * is mailed what to do.
   */
  async openForm(
    requestId: string,
    staff: StaffActor,
    input: OpenFormInput,
    options: RedLetterStepOptions = {},
  ): Promise<RedLetterFormDto> {
    const errors: FieldError[] = [];
    if (!isRedLetterReason(input.reasonCode)) {
      errors.push({
        field: 'reasonCode',
        message:
          'reasonCode must be 01 (wrong issue), 02 (returned goods), 03 (service stopped) or 04 (sales discount)',
      });
    }
    if (
      input.amountFen !== undefined &&
      (!Number.isSafeInteger(input.amountFen) || input.amountFen <= 0)
    ) {
      errors.push({
        field: 'amountFen',
        message: 'amountFen must be a positive whole number of fen',
      });
    }
    refuse(errors);
    if (!UUID.test(requestId)) throw SupportRequestException.notFound(requestId);
    return inTransaction(this.dataSource, options.manager, async (m) => {
      const request = await lockRequest(m, requestId);
      const allowed =
        REVERSING_TYPES.includes(request.type) &&
        request.status === 'in_progress' &&
        !request.documentsIssuedAt;
      if (!allowed) {
        throw SupportRequestException.illegalTransition(
          request.status,
          REVERSING_TYPES.includes(request.type)
            ? 'raise a red-letter form (only while in progress, before the new fapiao)'
            : `raise a red-letter form (it is a ${request.type.replace(/_/g, ' ')} request)`,
        );
      }
      const app = await this.requestMoves.lockApplication(m, request);
      refuseNotDigital(app);
      const original = await this.originalOf(m, app, input.documentNumber);
      const amountFen = input.amountFen ?? original.amountFen;
      if (amountFen > original.amountFen) {
        refuse([
          {
            field: 'amountFen',
            message: `amountFen must not be more than the original fapiao's ${original.amountFen} fen (${yuan(original.amountFen)})`,
          },
        ]);
      }
      if (request.type === 'retitle' && amountFen !== original.amountFen) {
        refuse([
          {
            field: 'amountFen',
            message: `a retitle reverses the whole fapiao: amountFen must be ${original.amountFen} fen (${yuan(original.amountFen)})`,
          },
        ]);
      }
      // An individual (no taxpayer ID) has no e-tax account to confirm on; nor does a buyer
      // that never booked the fapiao need to.
      const needs = Boolean(original.buyerTitle?.taxId) && input.buyerBooked !== false;
      const now = this.clock.now();
      const status: RedLetterStatus = needs ? 'waiting_for_buyer' : 'confirmed';
      const deadlineAt = needs ? new Date(now.getTime() + CONFIRMATION_HOURS * HOUR_MS) : null;
      let formId: string;
      try {
        const inserted = await m.insert(RedLetterForm, {
          supportRequestId: request.id,
          applicationId: app.id,
          originalDocumentId: original.id,
          originalNumber: original.number,
          reasonCode: input.reasonCode as RedLetterReason,
          amountFen,
          status,
          needsBuyerConfirmation: needs,
          deadlineAt,
          confirmedAt: needs ? null : now,
          createdByStaffId: staff.staffId,
          createdAt: now,
          updatedAt: now,
        });
        formId = (inserted.identifiers[0] as { id: string }).id;
      } catch (error) {
        if (isUniqueViolation(error, OPEN_FORM_PER_DOCUMENT_INDEX)) {
          throw RedLetterException.formOpen(original.number);
        }
        throw error;
      }
      const words = formMessages(request.locale);
      const message = words.raised(original.number, amountFen, deadlineAt);
      await this.history(m, formId, null, status, staff, message);
      await this.requestMoves.recordReply(m, request, staff, message);
      await this.notifications.enqueue(m, {
        to: request.contactEmail,
        template: 'red-letter-form',
        locale: request.locale,
        context: {
          requestNumber: formatRequestNumber(request.sequence),
          orderNumber: request.orderNumber,
          requestUrl: this.requestMails.requestUrl(request.id),
          originalNumber: original.number,
          reasonCode: input.reasonCode,
          amountFen,
          ...(deadlineAt ? { deadlineAt: deadlineAt.toISOString() } : {}),
        },
        dedupeKey: `red-letter-form:${formId}:raised`,
      });
      return this.one(m, formId);
    });
  }

  /** Staff saw the buyer's confirmation on the tax platform: once, and only before it lapsed. */
  async confirm(
    formId: string,
    staff: StaffActor,
    options: RedLetterStepOptions = {},
  ): Promise<RedLetterFormDto> {
    return this.step(formId, options, async (m) => {
      const now = this.clock.now();
      const rows = await updated<{ id: string }>(
        m,
        `UPDATE red_letter_forms SET status = 'confirmed', confirmed_at = $2, updated_at = $2
          WHERE id = $1 AND status = 'waiting_for_buyer' AND deadline_at > $2 RETURNING id`,
        [formId, now],
      );
      const form = await this.formRow(m, formId);
      if (rows.length !== 1) {
        if (form.status === 'waiting_for_buyer') {
          throw RedLetterException.illegalTransition(
            'waiting_for_buyer',
            'be confirmed after its 72 hours ran out',
            form.deadlineAt,
            'It lapses; raise a new form for the buyer to confirm.',
          );
        }
        throw RedLetterException.illegalTransition(
          form.status,
          form.status === 'confirmed' ? 'be confirmed again' : 'be confirmed',
          form.updatedAt,
          form.status === 'lapsed' ? 'Raise a new form for the buyer to confirm.' : '',
        );
      }
      const request = await m.findOneByOrFail(SupportRequest, { id: form.supportRequestId });
      const message = formMessages(request.locale).confirmed(form.originalNumber);
      await this.history(m, formId, 'waiting_for_buyer', 'confirmed', staff, message);
      await this.requestMoves.recordReply(m, request, staff, message);
    });
  }

  /** Withdraws a form that stands and has no red fapiao yet (mistyped, or no longer wanted). */
  async void(
    formId: string,
    staff: StaffActor,
    reason: string,
    options: RedLetterStepOptions = {},
  ): Promise<RedLetterFormDto> {
    const text = typeof reason === 'string' ? reason.trim() : '';
    if (!text || text.length > 500) {
      refuse([{ field: 'reason', message: 'reason is required, at most 500 characters' }]);
    }
    return this.step(formId, options, async (m) => {
      const rows = await updated<{ from: RedLetterStatus }>(
        m,
        `UPDATE red_letter_forms f SET status = 'void', updated_at = $2
           FROM red_letter_forms old
          WHERE f.id = $1 AND old.id = f.id AND f.red_document_id IS NULL
            AND f.status IN ('waiting_for_buyer', 'confirmed')
          RETURNING old.status AS "from"`,
        [formId, this.clock.now()],
      );
      const form = await this.formRow(m, formId);
      if (rows.length !== 1) {
        throw RedLetterException.illegalTransition(
          form.status,
          form.redDocumentId ? 'be voided (its red-letter fapiao is issued)' : 'be voided',
          form.updatedAt,
        );
      }
      const request = await m.findOneByOrFail(SupportRequest, { id: form.supportRequestId });
      const message = formMessages(request.locale).voided(form.originalNumber, text);
      await this.history(m, formId, rows[0].from, 'void', staff, message);
      await this.requestMoves.recordReply(m, request, staff, message);
    });
  }

  /**
   * The red-letter fapiao issued on a confirmed form: its 20-digit number, date and files (PDF
   * required, XML checked like an issue). It reverses the original (all of it, or the form's part)
   * and is mailed to the customer like any issued digital fapiao.
   */
  async recordRedFapiao(
    formId: string,
    staff: StaffActor,
    input: RedFapiaoInput,
    options: RedLetterStepOptions = {},
  ): Promise<RedLetterFormDto> {
    const today = toBusinessDate(this.clock.now());
    refuse(checkRed([input], today, 'red').map(renameRed));
    return this.step(formId, options, async (m) => {
      const form = await this.formRow(m, formId, true);
      if (form.status !== 'confirmed' || form.redDocumentId) {
        throw RedLetterException.illegalTransition(
          form.status,
          form.redDocumentId
            ? 'take a second red-letter fapiao'
            : 'take its red-letter fapiao before it is confirmed',
          form.updatedAt,
        );
      }
      const request = await lockRequest(m, form.supportRequestId);
      if (request.status !== 'in_progress') {
        throw SupportRequestException.illegalTransition(
          request.status,
          'take a red-letter fapiao (only while in progress)',
        );
      }
      const app = await this.requestMoves.lockApplication(m, request);
      const original = await m.findOneByOrFail(FapiaoDocument, { id: form.originalDocumentId });
      const originalAmount = Number(original.amountFen);
      const originalTax = Number(original.taxAmountFen);
      const whole = Number(form.amountFen) === originalAmount;
      const tax = whole ? originalTax : input.taxAmountFen;
      if (
        tax === undefined ||
        !Number.isSafeInteger(tax) ||
        tax < 0 ||
        tax > originalTax ||
        tax >= Number(form.amountFen)
      ) {
        refuse([
          {
            field: 'taxAmountFen',
            message: `taxAmountFen is required for a partial reversal: whole fen, 0 to ${originalTax} and below the amount`,
          },
        ]);
      }
      const red: IssuedDocumentWithFiles = {
        number: input.number.trim(),
        issueDate: input.issueDate,
        amountFen: -Number(form.amountFen),
        taxAmountFen: -tax!,
        taxRateBasisPoints: original.taxRateBasisPoints,
        buyerTitle: original.buyerTitle,
        files: input.files,
      };
      await renamed(() => this.digitalIssue.checkDigitalDocuments(app, [red]));
      await insertReversal(m, app, staff, original, red);
      const [doc] = await m.find(FapiaoDocument, {
        where: { number: red.number },
        select: { id: true },
      });
      const linked = await updated<{ id: string }>(
        m,
        `UPDATE red_letter_forms SET red_document_id = $2, updated_at = $3
          WHERE id = $1 AND status = 'confirmed' AND red_document_id IS NULL RETURNING id`,
        [formId, doc.id, this.clock.now()],
      );
      if (linked.length !== 1) {
        throw RedLetterException.illegalTransition(form.status, 'take a second red-letter fapiao');
      }
      await this.digitalIssue.storeDocumentFiles(m, app.id, [red]);
      const words = formMessages(request.locale);
      const message = words.redIssued(red.number, original.number, -red.amountFen);
      await this.history(m, formId, 'confirmed', 'confirmed', staff, message);
      await this.stateMachine.addRemark(m, app, staffActor(staff), message);
      await this.requestMoves.recordReply(m, request, staff, message);
      // Delivered like any digital fapiao: the issued mail with its PDF attached.
      await this.applicationMails.issued(
        m,
        app,
        [{ number: red.number, issueDate: red.issueDate, amountFen: red.amountFen }],
        `red:${red.number}`,
      );
    });
  }

  /**
   * Retitle of a digital fapiao, last step: the new blue fapiao with the new title and its files,
   * once the form's red fapiao is recorded. The application is issued again (and mailed).
   */
  async issueNewFapiao(
    requestId: string,
    staff: StaffActor,
    input: NewBlueInput,
    options: RedLetterStepOptions = {},
  ): Promise<RedLetterFormDto[]> {
    if (!UUID.test(requestId)) throw SupportRequestException.notFound(requestId);
    const today = toBusinessDate(this.clock.now());
    return inTransaction(this.dataSource, options.manager, async (m) => {
      const request = await lockRequest(m, requestId);
      guardStep(request, 'issueRetitle');
      const app = await this.requestMoves.lockApplication(m, request);
      refuseNotDigital(app);
      const [form]: { id: string; original_document_id: string }[] = await m.query(
        `SELECT id, original_document_id FROM red_letter_forms
          WHERE support_request_id = $1 AND status = 'confirmed' AND red_document_id IS NOT NULL
          ORDER BY created_at DESC LIMIT 1`,
        [request.id],
      );
      if (!form) {
        throw SupportRequestException.illegalTransition(
          request.status,
          'issue the new fapiao before a confirmed red-letter form has its red-letter fapiao',
        );
      }
      const original = await m.findOneByOrFail(FapiaoDocument, { id: form.original_document_id });
      await this.requestMoves.claimDocuments(m, request, staff);
      const blue = {
        number: typeof input.number === 'string' ? input.number.trim() : input.number,
        issueDate: input.issueDate,
        taxAmountFen: input.taxAmountFen,
        taxRateBasisPoints: input.taxRateBasisPoints ?? null,
        amountFen: Number(original.amountFen),
        buyerTitle: request.newTitle!,
      };
      refuse(checkIssuedDocuments([blue], blue.amountFen, today));
      const withFiles = { ...blue, files: input.files };
      await this.digitalIssue.checkDigitalDocuments(app, [withFiles]);
      // The original was the application's only fapiao: the application takes the new title.
      const retitlesAll = (await validBlueDocuments(m, app.id)).length === 0;
      await insertBlueDocuments(m, app, staff, [blue]);
      await this.digitalIssue.storeDocumentFiles(m, app.id, [withFiles]);
      const red = await m.findOneByOrFail(FapiaoDocument, { reversesDocumentId: original.id });
      const remark = reissueRemark(app.locale, request, [red.number], [blue.number]);
      await this.stateMachine.reissue(m, app, staffActor(staff), {
        remark,
        documents: [{ number: blue.number, issueDate: blue.issueDate, amountFen: blue.amountFen }],
        changes: retitlesAll ? { title: fullTitle(request.newTitle!) } : undefined,
      });
      await this.requestMoves.recordReply(m, request, staff, remark);
      return this.read('support_request_id', request.id, m);
    });
  }

  /** Runs a form step in a transaction (the form must exist) and reads the form after it. */
  private async step(
    formId: string,
    options: RedLetterStepOptions,
    work: (manager: EntityManager) => Promise<void>,
  ): Promise<RedLetterFormDto> {
    if (!UUID.test(formId)) throw RedLetterException.notFound(`red-letter form ${formId}`);
    return inTransaction(this.dataSource, options.manager, async (m) => {
      await work(m);
      return this.one(m, formId);
    });
  }

  private async formRow(m: EntityManager, id: string, lock = false): Promise<RedLetterForm> {
    const form = await m.findOne(RedLetterForm, {
      where: { id },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!form) throw RedLetterException.notFound(`red-letter form ${id}`);
    return form;
  }

  /** The blue fapiao to reverse: named by number, or the application's only valid one. */
  private async originalOf(
    m: EntityManager,
    app: FapiaoApplication,
    number: string | undefined,
  ): Promise<FapiaoDocument> {
    const valid = await validBlueDocuments(m, app.id);
    const original = number
      ? valid.find((d) => d.number === number.trim())
      : valid.length === 1
        ? valid[0]
        : undefined;
    if (!original) {
      refuse([
        {
          field: 'documentNumber',
          message: number
            ? `documentNumber ${number} is not a valid fapiao of the application`
            : valid.length === 0
              ? 'the application has no fapiao left to reverse'
              : 'documentNumber must name the fapiao to reverse (the application has several)',
        },
      ]);
    }
    if (!DIGITAL_DOCUMENT_NUMBER.test(original!.number)) {
      throw RedLetterException.notDigital(
        `Fapiao no. ${original!.number} is not a digital fapiao (20 digits): a paper original ` +
          'comes back first (mark it returned), then the retitle is issued as before.',
      );
    }
    return original!;
  }

  private async history(
    m: EntityManager,
    formId: string,
    from: RedLetterStatus | null,
    to: RedLetterStatus,
    staff: StaffActor,
    message: string,
  ): Promise<void> {
    await m.insert(RedLetterFormHistory, {
      formId,
      fromStatus: from,
      toStatus: to,
      actorType: 'staff',
      actorId: staff.staffId,
      actorEmail: staff.staffEmail,
      message,
      at: this.clock.now(),
    });
  }

  private async one(m: EntityManager, formId: string): Promise<RedLetterFormDto> {
    const [row]: { form: RedLetterFormRow[] }[] = await m.query(
      `SELECT ${redLetterFormsJson('support_request_id', 's.support_request_id')} AS form
         FROM red_letter_forms s WHERE s.id = $1`,
      [formId],
    );
    const form = row?.form.find((f) => f.id === formId);
    if (!form) throw RedLetterException.notFound(`red-letter form ${formId}`);
    return toRedLetterFormDto(form);
  }

  private async read(
    column: 'support_request_id' | 'application_id',
    id: string,
    manager?: EntityManager,
  ): Promise<RedLetterFormDto[]> {
    const [row]: { forms: RedLetterFormRow[] }[] = await (manager ?? this.dataSource).query(
      `SELECT ${redLetterFormsJson(column, '$1::uuid')} AS forms`,
      [id],
    );
    return row.forms.map(toRedLetterFormDto);
  }
}

/** The rows of an `UPDATE … RETURNING` (TypeORM answers `[rows, count]` for UPDATE). */
async function updated<T>(m: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  const result: unknown = await m.query(sql, params);
  return (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as T[];
}

async function lockRequest(m: EntityManager, id: string): Promise<SupportRequest> {
  const request = await m.findOne(SupportRequest, {
    where: { id },
    lock: { mode: 'pessimistic_write' },
  });
  if (!request) throw SupportRequestException.notFound(id);
  request.sequence = Number(request.sequence);
  request.billAmountFen = Number(request.billAmountFen);
  return request;
}

/** Forms are for digital fapiao (delivered by email); paper is returned and reversed as before. */
function refuseNotDigital(app: FapiaoApplication): void {
  if (!isDigitalDelivery(app.shipping.method)) {
    throw RedLetterException.notDigital(
      'The application’s fapiao is on paper: the original comes back first (mark it returned), ' +
        'then the retitle is issued as before; a red-letter form is only for a digital fapiao.',
    );
  }
}

/** The red document reversing `original` by the form's amount; the net never exceeds the bill. */
async function insertReversal(
  m: EntityManager,
  app: FapiaoApplication,
  staff: StaffActor,
  original: FapiaoDocument,
  red: IssuedDocumentWithFiles,
): Promise<void> {
  try {
    await insertFapiaoDocuments(m, [
      {
        applicationId: app.id,
        kind: 'red',
        number: red.number,
        issueDate: red.issueDate,
        amountFen: red.amountFen,
        taxAmountFen: red.taxAmountFen,
        taxRateBasisPoints: red.taxRateBasisPoints ?? null,
        buyerTitle: original.buyerTitle,
        reversesDocumentId: original.id,
        issuedByStaffId: staff.staffId,
      },
    ]);
  } catch (error) {
    if (isUniqueViolation(error, 'uq_fapiao_documents_reverses_document_id')) {
      throw RedLetterException.illegalTransition('confirmed', 'reverse a fapiao twice');
    }
    throw error;
  }
  await assertBillInvariant(m, app, false);
}

/** The digital checks name fields `documents.0.*`; the red step's form names them plainly. */
async function renamed(work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (!(error instanceof ProblemException) || !error.errors) throw error;
    throw new ProblemException(
      error.status,
      error.code,
      error.detail.replace(/documents\.0\./g, ''),
      {
        errors: error.errors.map((e) => ({
          field: e.field.replace(/^documents\.0\./, ''),
          message: e.message.replace(/documents\.0\./g, ''),
        })),
        extensions: error.extensions,
      },
    );
  }
}

function renameRed(e: FieldError): FieldError {
  return { field: e.field.replace(/^red\./, ''), message: e.message.replace(/red\./g, '') };
}

function yuan(fen: number): string {
  return `¥${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

function refuse(errors: FieldError[]): void {
  if (errors.length > 0) throw RedLetterException.invalid(errors);
}
