import type { EntityManager } from 'typeorm';
import type { StaffActor } from '../../fapiao/applications/application-actor';
import { FAPIAO_FILE_KINDS } from '../../fapiao/document-files/document-file.entity';
import type { RedLetterFormDto } from '../../fapiao/red-letter/dto/red-letter-form.dto';
import { RED_LETTER_REASON_CODES } from '../../fapiao/red-letter/red-letter-status';
import type { FapiaoFiles, RedLetterService } from '../../fapiao/red-letter/red-letter.service';
import { RedLetterException } from '../../fapiao/red-letter/red-letter.exception';
import { SupportRequest } from '../../fapiao/support/entities/support-request.entity';
import type { ActionOptions, StaffAdmin } from '../admin-access';
import {
  ActionOutcome,
  FormActionContext,
  FormActionDeps,
  FormField,
  formAction,
} from '../actions/form-action';
import { fenCell, fenOf, LinesSpec, readLines, textCell } from '../actions/form-lines';
import { percentToBasisPoints } from './application-actions';
import { SUPPORT_REQUEST_WORKERS } from './support-request-actions';

export interface RedLetterActionDeps extends FormActionDeps {
  redLetter: RedLetterService;
}

const actor = (admin: StaffAdmin): StaffActor => ({ staffId: admin.id, staffEmail: admin.email });

/** One fapiao typed with the tax platform's files (one row, like the issue's documents). */
const fapiaoLines = (name: string, withRate: boolean): LinesSpec => ({
  name,
  columns: [
    { name: 'number', required: true },
    { name: 'issueDate', type: 'date', required: true, defaultToday: true },
    { name: 'taxAmountFen', type: 'fen', required: withRate },
    ...(withRate ? [{ name: 'taxRate' }] : []),
    { name: 'pdf', type: 'file', accept: '.pdf,application/pdf' },
    { name: 'ofd', type: 'file', accept: '.ofd' },
    { name: 'xml', type: 'file', accept: '.xml,application/xml,text/xml' },
  ],
});
const RED_LINES = fapiaoLines('red', false);
const BLUE_LINES = fapiaoLines('blue', true);

function filesOf(files: FormActionContext['files'], prefix: string): FapiaoFiles {
  return Object.fromEntries(
    FAPIAO_FILE_KINDS.flatMap((kind) => {
      const file = files[`${prefix}.0.${kind}`];
      return file ? [[kind, file]] : [];
    }),
  );
}

/** Red-letter steps are for digital retitles (whole) and other reversal requests (part). */
const reversing = (params: Record<string, unknown>) =>
  params.status === 'in_progress' &&
  (params.type === 'retitle' || params.type === 'other') &&
  !params.documentsIssuedAt;

type Step = (
  context: FormActionContext & { manager: EntityManager },
) => Promise<RedLetterFormDto | RedLetterFormDto[]>;

/** A support-request action on its red-letter form; the audit entry keeps the form's state. */
function redLetterAction(
  deps: RedLetterActionDeps,
  spec: {
    auditAction: string;
    message: string;
    fields?: FormField[];
    icon?: string;
    variant?: 'danger' | 'primary' | 'success' | 'info';
    isAvailable?: (params: Record<string, unknown>) => boolean;
    step: Step;
  },
): ActionOptions {
  return formAction(deps, {
    actionType: 'record',
    roles: SUPPORT_REQUEST_WORKERS,
    auditAction: spec.auditAction,
    fields: spec.fields,
    icon: spec.icon,
    variant: spec.variant,
    isAvailable: spec.isAvailable ?? reversing,
    run: async (context): Promise<ActionOutcome> => {
      const request = await context.manager.findOneByOrFail(SupportRequest, {
        id: context.recordId!,
      });
      const before = await deps.redLetter.formsOfRequest(request.id, context.manager);
      await spec.step(context);
      const after = await deps.redLetter.formsOfRequest(request.id, context.manager);
      return {
        subject: `${request.orderNumber} · ${after.map((f) => f.originalNumber).join(', ')}`,
        before: { forms: before.map(snapshot) },
        after: { forms: after.map(snapshot) },
        message: spec.message,
      };
    },
  });
}

function snapshot(form: RedLetterFormDto) {
  return {
    id: form.id,
    status: form.status,
    reasonCode: form.reasonCode,
    amountFen: form.amountFen,
    originalNumber: form.originalNumber,
    redNumber: form.redNumber ?? null,
  };
}

/** The request's form that still stands: the one staff act on. */
async function standingForm(deps: RedLetterActionDeps, requestId: string, m: EntityManager) {
  const id = await deps.redLetter.standingFormId(requestId, m);
  if (!id) throw RedLetterException.notFound('red-letter form that stands on this request');
  return id;
}

/**
 * Support's red-letter steps on a request about a digital fapiao (RedLetterService): raise the
 * form, record the buyer's confirmation, the red fapiao, the new fapiao; void a form.
 */
export function redLetterActions(deps: RedLetterActionDeps): Record<string, ActionOptions> {
  const service = deps.redLetter;
  return {
    openRedLetterForm: redLetterAction(deps, {
      auditAction: 'support_request.red_letter_open',
      icon: 'FilePlus',
      message: 'redLetterFormOpened',
      fields: [
        {
          name: 'reasonCode',
          type: 'select',
          required: true,
          options: RED_LETTER_REASON_CODES.map((code) => ({
            value: code,
            label: `redLetterReason${code}`,
          })),
        },
        { name: 'redLetterAmountFen' },
        { name: 'documentNumber' },
        {
          name: 'buyerBooked',
          type: 'select',
          required: true,
          options: [
            { value: 'yes', label: 'buyerBookedYes' },
            { value: 'no', label: 'buyerBookedNo' },
          ],
        },
      ],
      step: ({ recordId, admin, payload, manager }) => {
        const amount = (payload.redLetterAmountFen ?? '').trim();
        return service.openForm(
          recordId!,
          actor(admin),
          {
            reasonCode: (payload.reasonCode ?? '').trim(),
            amountFen: amount ? fenOf(amount) : undefined,
            documentNumber: payload.documentNumber?.trim() || undefined,
            buyerBooked: payload.buyerBooked !== 'no',
          },
          { manager },
        );
      },
    }),
    confirmRedLetterForm: redLetterAction(deps, {
      auditAction: 'support_request.red_letter_confirm',
      icon: 'CheckSquare',
      variant: 'success',
      message: 'redLetterFormConfirmed',
      step: async ({ recordId, admin, manager }) =>
        service.confirm(await standingForm(deps, recordId!, manager), actor(admin), { manager }),
    }),
    recordRedFapiao: redLetterAction(deps, {
      auditAction: 'support_request.red_letter_red_fapiao',
      icon: 'FileMinus',
      message: 'redLetterRedRecorded',
      fields: [{ ...RED_LINES, type: 'lines' }],
      step: async ({ recordId, admin, payload, files, manager }) => {
        const [row] = readLines(payload, RED_LINES);
        return service.recordRedFapiao(
          await standingForm(deps, recordId!, manager),
          actor(admin),
          {
            number: textCell(row ?? {}, 'number'),
            issueDate: textCell(row ?? {}, 'issueDate'),
            taxAmountFen:
              row?.taxAmountFen === undefined ? undefined : fenCell(row, 'taxAmountFen'),
            files: filesOf(files, RED_LINES.name),
          },
          { manager },
        );
      },
    }),
    issueDigitalRetitle: redLetterAction(deps, {
      auditAction: 'support_request.red_letter_new_fapiao',
      icon: 'FileText',
      variant: 'success',
      message: 'supportRetitleIssued',
      isAvailable: (params) => reversing(params) && params.type === 'retitle',
      fields: [{ ...BLUE_LINES, type: 'lines' }],
      step: ({ recordId, admin, payload, files, manager }) => {
        const [row] = readLines(payload, BLUE_LINES);
        return service.issueNewFapiao(
          recordId!,
          actor(admin),
          {
            number: textCell(row ?? {}, 'number'),
            issueDate: textCell(row ?? {}, 'issueDate'),
            taxAmountFen: row ? fenCell(row, 'taxAmountFen') : Number.NaN,
            taxRateBasisPoints:
              row?.taxRate === undefined ? undefined : percentToBasisPoints(String(row.taxRate)),
            files: filesOf(files, BLUE_LINES.name),
          },
          { manager },
        );
      },
    }),
    voidRedLetterForm: redLetterAction(deps, {
      auditAction: 'support_request.red_letter_void',
      icon: 'XSquare',
      variant: 'danger',
      message: 'redLetterFormVoided',
      fields: [{ name: 'reason', type: 'textarea', required: true }],
      step: async ({ recordId, admin, payload, manager }) =>
        service.void(
          await standingForm(deps, recordId!, manager),
          actor(admin),
          payload.reason ?? '',
          { manager },
        ),
    }),
  };
}
