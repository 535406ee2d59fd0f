import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { FieldError } from '../../common/errors/problem.exception';
import { isBusinessDate } from '../../common/time/business-date';
import type { StaffActor } from '../applications/application-actor';
import type { FapiaoApplication } from '../applications/entities/fapiao-application.entity';
import { FapiaoDocument } from '../applications/entities/fapiao-document.entity';
import { insertFapiaoDocuments } from '../applications/fapiao-documents';
import type { FapiaoTitle } from '../titles/fapiao-title';
import { isUniqueViolation } from '../unique-violation';
import { assertBillInvariant } from './bill-ledger';
import type { SupportRequest } from './entities/support-request.entity';
import { SupportRequestException } from './support-request.exception';
import { formatRequestNumber } from './support-request-status';

/*
 * The document work of support's retitle and split steps (StaffSupportRequestsService): red-letter
 * reversals and new blue documents, each write followed by the bill invariant (bill-ledger.ts),
 * and the remarks that name them in the histories.
 */

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

/** A new blue document with the amount and title the request gives it. */
export type NewBlueDocument = BlueDocumentInput & { amountFen: number; buyerTitle: FapiaoTitle };

/** An issued blue document and the red-letter one that reverses it. */
export interface Reversal {
  original: FapiaoDocument;
  red: RedDocumentInput;
}

/** Application statuses in which the paper fapiao has reached the customer (it must come back). */
const DELIVERED_STATUSES = ['mailed_out', 'picked_up'];

/** A delivered paper fapiao is reversed only once it has come back (markReturned). */
export function refuseUnreturned(request: SupportRequest, app: FapiaoApplication): void {
  if (DELIVERED_STATUSES.includes(app.status) && !request.returnedAt) {
    throw SupportRequestException.illegalTransition(
      request.status,
      'reverse a delivered fapiao before the original has come back (mark it returned first)',
    );
  }
}

/** Blue documents of the application that no red one reverses, oldest first. */
export async function validBlueDocuments(
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

export function checkRed(reds: RedDocumentInput[], today: string, field: string): FieldError[] {
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

/** Red-letter documents: each the exact negative of the blue it reverses, linked to it. */
export async function reverseDocuments(
  manager: EntityManager,
  app: FapiaoApplication,
  staff: StaffActor,
  reversals: Reversal[],
): Promise<void> {
  await insertDocuments(
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
}

/** The new blue documents that replace the reversed ones: the net equals the bill again. */
export async function insertBlueDocuments(
  manager: EntityManager,
  app: FapiaoApplication,
  staff: StaffActor,
  documents: NewBlueDocument[],
): Promise<void> {
  await insertDocuments(
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
}

/** A split issued before any fapiao (the state machine wrote them): the net equals the bill. */
export async function assertSplitIssued(
  manager: EntityManager,
  app: FapiaoApplication,
): Promise<void> {
  await assertBillInvariant(manager, app, true);
}

/** A split or retitle is resolved only once its fapiao are issued (the net equals the bill). */
export async function refuseUnissued(
  manager: EntityManager,
  request: SupportRequest,
  app: FapiaoApplication,
): Promise<void> {
  const ledger = await assertBillInvariant(manager, app, true);
  if (ledger.netFen === 0) {
    throw SupportRequestException.illegalTransition(
      request.status,
      'be resolved before the fapiao are issued',
    );
  }
}

async function insertDocuments(
  manager: EntityManager,
  rows: QueryDeepPartialEntity<FapiaoDocument>[],
): Promise<void> {
  try {
    await insertFapiaoDocuments(manager, rows);
  } catch (error) {
    if (isUniqueViolation(error, 'uq_fapiao_documents_reverses_document_id')) {
      throw SupportRequestException.illegalTransition('in_progress', 'reverse a fapiao twice');
    }
    throw error;
  }
}

export function splitRemark(locale: string, request: SupportRequest, numbers: string[]): string {
  const n = formatRequestNumber(request.sequence);
  return locale === 'en'
    ? `Split into ${numbers.length} fapiao (support request ${n}): no. ${numbers.join(', ')}`
    : `按支持请求 ${n} 拆分为 ${numbers.length} 张发票，发票号码：${numbers.join('、')}`;
}

export function reissueRemark(
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
