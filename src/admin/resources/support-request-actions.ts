import type { EntityManager } from 'typeorm';
import { StaffRole } from '../../auth/staff/staff-role';
import type { StaffActor } from '../../fapiao/applications/application-actor';
import type { SupportRequestDto } from '../../fapiao/support/dto/support-request.dto';
import { SupportRequest } from '../../fapiao/support/entities/support-request.entity';
import type { StaffSupportRequestsService } from '../../fapiao/support/staff-support-requests.service';
import type {
  SupportRequestStatus,
  SupportRequestType,
} from '../../fapiao/support/support-request-status';
import { SupportStepName, supportStepAllowed } from '../../fapiao/support/support-request-steps';
import { ActionOptions, StaffAdmin } from '../admin-access';
import { ActionOutcome, FormActionDeps, FormField, formAction } from '../actions/form-action';
import { fenCell, fenOf, LinesSpec, readLines, textCell } from '../actions/form-lines';

export interface SupportRequestActionDeps extends FormActionDeps {
  staffSupportRequests: StaffSupportRequestsService;
}

/** Who works on support requests: support (and admins, always). */
export const SUPPORT_REQUEST_WORKERS = [StaffRole.SUPPORT];

type Payload = Record<string, string>;

/** One service call; `manager` is the action's transaction, shared with its audit entry. */
type Step = (
  id: string,
  staff: StaffActor,
  payload: Payload,
  options: { manager: EntityManager },
) => Promise<SupportRequestDto>;

interface SupportActionSpec {
  auditAction: string;
  message: string;
  fields?: FormField[];
  icon?: string;
  variant?: 'danger' | 'primary' | 'success' | 'info';
  step: Step;
}

const actor = (admin: StaffAdmin): StaffActor => ({ staffId: admin.id, staffEmail: admin.email });

/** An optional text field: undefined when left blank (the service then writes its default). */
const optional = (value: string | undefined) => value?.trim() || undefined;

/** What the audit log keeps of a request: its state, not the customer's details. */
function snapshot(request: Partial<SupportRequest> | SupportRequestDto | null): object | null {
  if (!request) return null;
  return {
    status: request.status,
    returnedAt: request.returnedAt ?? null,
    resolution: request.resolution ?? null,
  };
}

/**
 * A record action on one request, offered (and allowed on submit) only where SUPPORT_STEPS
 * allows the step for the request's type and status; the service re-checks under a row lock.
 */
function supportRequestAction(
  deps: SupportRequestActionDeps,
  name: SupportStepName,
  spec: SupportActionSpec,
): ActionOptions {
  return formAction(deps, {
    actionType: 'record',
    roles: SUPPORT_REQUEST_WORKERS,
    auditAction: spec.auditAction,
    fields: spec.fields,
    icon: spec.icon,
    variant: spec.variant,
    isAvailable: (params) =>
      supportStepAllowed(name, {
        status: params.status as SupportRequestStatus,
        type: params.type as SupportRequestType,
        documentsIssuedAt: (params.documentsIssuedAt as string | null | undefined) ?? null,
      }),
    run: async ({ manager, payload, recordId, admin }): Promise<ActionOutcome> => {
      const before = await manager.findOneBy(SupportRequest, { id: recordId! });
      const after = await spec.step(recordId!, actor(admin), payload, { manager });
      return {
        subject: `${after.requestNumber} · ${after.orderNumber}`,
        before: snapshot(before),
        after: snapshot(after),
        message: spec.message,
      };
    },
  });
}

const MESSAGE: FormField = { name: 'message', type: 'textarea' };

/** One new blue document per line of the split request. */
const SPLIT_DOCUMENTS: LinesSpec = {
  name: 'documents',
  columns: [
    { name: 'number', required: true },
    { name: 'issueDate', type: 'date', required: true },
    { name: 'taxAmountFen', type: 'fen', required: true },
  ],
};

/** After issue: one red-letter document per fapiao issued before (none before issue). */
const SPLIT_REVERSALS: LinesSpec = {
  name: 'reversals',
  minRows: 0,
  columns: [
    { name: 'number', required: true },
    { name: 'issueDate', type: 'date', required: true },
  ],
};

function splitInput(payload: Payload) {
  const documents = readLines(payload, SPLIT_DOCUMENTS).map((row) => ({
    number: textCell(row, 'number'),
    issueDate: textCell(row, 'issueDate'),
    taxAmountFen: fenCell(row, 'taxAmountFen'),
  }));
  const reversals = readLines(payload, SPLIT_REVERSALS).map((row) => ({
    number: textCell(row, 'number'),
    issueDate: textCell(row, 'issueDate'),
  }));
  return { documents, reversals: reversals.length > 0 ? reversals : undefined };
}

function retitleInput(payload: Payload) {
  const text = (key: string) => (payload[key] ?? '').trim();
  return {
    red: { number: text('red.number'), issueDate: text('red.issueDate') },
    blue: {
      number: text('blue.number'),
      issueDate: text('blue.issueDate'),
      taxAmountFen: fenOf(text('blue.taxAmountFen')),
    },
    documentNumber: optional(payload.documentNumber),
  };
}

/** Support's steps on a request, each calling StaffSupportRequestsService (never a raw update). */
export function supportRequestActions(
  deps: SupportRequestActionDeps,
): Record<SupportStepName, ActionOptions> {
  const service = deps.staffSupportRequests;
  const action = (name: SupportStepName, spec: SupportActionSpec) =>
    supportRequestAction(deps, name, spec);
  return {
    reply: action('reply', {
      auditAction: 'support_request.reply',
      icon: 'MessageSquare',
      fields: [{ ...MESSAGE, required: true }],
      message: 'supportReplied',
      step: (id, staff, p, o) => service.reply(id, staff, p.message ?? '', o),
    }),
    startProgress: action('startProgress', {
      auditAction: 'support_request.start_progress',
      icon: 'Play',
      fields: [MESSAGE],
      message: 'supportStarted',
      step: (id, staff, p, o) => service.startProgress(id, staff, optional(p.message), o),
    }),
    markAwaitingReturn: action('markAwaitingReturn', {
      auditAction: 'support_request.awaiting_return',
      icon: 'Clock',
      fields: [MESSAGE],
      message: 'supportAwaitingReturn',
      step: (id, staff, p, o) => service.markAwaitingReturn(id, staff, optional(p.message), o),
    }),
    markReturned: action('markReturned', {
      auditAction: 'support_request.returned',
      icon: 'CornerDownLeft',
      fields: [{ name: 'returnedOn', type: 'date', required: true }, MESSAGE],
      message: 'supportReturned',
      step: (id, staff, p, o) =>
        service.markReturned(id, staff, (p.returnedOn ?? '').trim(), optional(p.message), o),
    }),
    issueRetitle: action('issueRetitle', {
      auditAction: 'support_request.issue_retitle',
      icon: 'FileText',
      variant: 'success',
      fields: [
        { name: 'red.number', required: true },
        { name: 'red.issueDate', type: 'date', required: true },
        { name: 'blue.number', required: true },
        { name: 'blue.issueDate', type: 'date', required: true },
        { name: 'blue.taxAmountFen', required: true },
        { name: 'documentNumber' },
      ],
      message: 'supportRetitleIssued',
      step: (id, staff, p, o) => service.issueRetitle(id, staff, retitleInput(p), o),
    }),
    issueSplit: action('issueSplit', {
      auditAction: 'support_request.issue_split',
      icon: 'Layers',
      variant: 'success',
      fields: [
        { ...SPLIT_DOCUMENTS, type: 'lines', rowsFromRecord: 'lines' },
        { ...SPLIT_REVERSALS, type: 'lines' },
      ],
      message: 'supportSplitIssued',
      step: (id, staff, p, o) => service.issueSplit(id, staff, splitInput(p), o),
    }),
    reMail: action('reMail', {
      auditAction: 'support_request.remail',
      icon: 'Truck',
      fields: [
        { name: 'carrier', required: true },
        { name: 'trackingNumber', required: true },
      ],
      message: 'supportReMailed',
      step: (id, staff, p, o) =>
        service.reMail(
          id,
          staff,
          { carrier: p.carrier ?? '', trackingNumber: p.trackingNumber ?? '' },
          o,
        ),
    }),
    resolve: action('resolve', {
      auditAction: 'support_request.resolve',
      icon: 'CheckCircle',
      variant: 'success',
      fields: [{ name: 'resolution', type: 'textarea', required: true }],
      message: 'supportResolved',
      step: (id, staff, p, o) => service.resolve(id, staff, p.resolution ?? '', o),
    }),
    reject: action('reject', {
      auditAction: 'support_request.reject',
      icon: 'XCircle',
      variant: 'danger',
      fields: [{ name: 'reason', type: 'textarea', required: true }],
      message: 'supportRejected',
      step: (id, staff, p, o) => service.reject(id, staff, p.reason ?? '', o),
    }),
  };
}
