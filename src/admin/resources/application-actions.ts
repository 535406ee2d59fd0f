import { StaffRole } from '../../auth/staff/staff-role';
import { ProblemException } from '../../common/errors/problem.exception';
import { toBusinessDate } from '../../common/time/business-date';
import { allowsFrom, TransitionName } from '../../fapiao/applications/application-transitions';
import { AWAITING_SERVICE_STATUSES } from '../../fapiao/applications/application-statistics';
import type { ApplicationStatus } from '../../fapiao/applications/application-status';
import { FapiaoApplication } from '../../fapiao/applications/entities/fapiao-application.entity';
import type { StaffApplicationsService } from '../../fapiao/applications/staff-applications.service';
import type { DigitalIssueService } from '../../fapiao/document-files/digital-issue.service';
import { FAPIAO_FILE_KINDS } from '../../fapiao/document-files/document-file.entity';
import type { ActionResponse, RecordJSON } from 'adminjs' with { 'resolution-mode': 'import' };
import { ActionOptions, StaffAdmin } from '../admin-access';
import { clientOf } from '../security/client-info';
import { ADMIN_COMPONENTS } from '../admin-components';
import type { EntityManager } from 'typeorm';
import {
  ActionOutcome,
  FormActionContext,
  FormActionDeps,
  FormActionSpec,
  formAction,
} from '../actions/form-action';
import { fenCell, LinesSpec, readLines, textCell } from '../actions/form-lines';

export interface ApplicationActionDeps extends FormActionDeps {
  staffApplications: StaffApplicationsService;
  /** The issue with the tax platform's files (PDF, OFD, XML), checked against the entry. */
  digitalIssue: DigitalIssueService;
}

/** Who works on applications: the service centre (and admins, always). */
const WORKERS = [StaffRole.SERVICE_CENTER];

const actor = (admin: StaffAdmin) => ({ staffId: admin.id, staffEmail: admin.email });

/** Shown and allowed only where the state machine allows the step (the service re-checks). */
const when =
  (transition: TransitionName) =>
  (params: Record<string, unknown>): boolean =>
    allowsFrom(transition, params.status as ApplicationStatus);

/** The carrier a delivery method ships with, offered as the mailing form's default. */
const CARRIERS: Record<string, string> = {
  sf_freight_collect: 'SF Express',
  yunda: 'Yunda Express',
};
const DEFAULT_CARRIER = 'defaultCarrier';

/** Adds the delivery method's carrier to the record the mailing form starts from. */
export function withDefaultCarrier(response: ActionResponse): ActionResponse {
  const record = response.record as RecordJSON | undefined;
  const carrier = record && CARRIERS[String(record.params['shipping.method'])];
  if (record && carrier) record.params[DEFAULT_CARRIER] = carrier;
  return response;
}

/** The statuses in which an application has issued documents. */
const WITH_DOCUMENTS: readonly ApplicationStatus[] = [
  'issued',
  'mailed_out',
  'ready_for_pickup',
  'picked_up',
];

/** What the audit log keeps of an application: its state, not the customer's details. */
function snapshot(app: FapiaoApplication | null | undefined): object | null {
  if (!app) return null;
  return {
    status: app.status,
    version: app.version,
    dueDate: app.dueDate,
    expectedIssueDate: app.expectedIssueDate,
    carrier: app.carrier,
    trackingNumber: app.trackingNumber,
    rejectionReason: app.rejectionReason,
  };
}

/** The order number and the application's fapiao numbers, as the audit log names it. */
async function subjectOf(
  deps: ApplicationActionDeps,
  manager: EntityManager,
  app: FapiaoApplication,
): Promise<string> {
  const numbers = await deps.staffApplications.documentNumbers(app.id, manager);
  return [app.orderNumber, ...numbers].join(' · ');
}

/** One service call; `manager` is the action's transaction, shared with its audit entry. */
type Step = (
  id: string,
  admin: StaffAdmin,
  payload: Record<string, string>,
  manager: EntityManager,
  /** Uploads posted with the form (the issue's files). */
  files: FormActionContext['files'],
) => Promise<FapiaoApplication>;

/** A record action on one application: before/after snapshots around one service call. */
function applicationAction(
  deps: ApplicationActionDeps,
  spec: Omit<FormActionSpec, 'actionType' | 'roles' | 'run'> & { message: string; step: Step },
): ActionOptions {
  return formAction(deps, {
    ...spec,
    actionType: 'record',
    roles: WORKERS,
    run: async ({ manager, payload, files, recordId, admin }): Promise<ActionOutcome> => {
      const before = await manager.findOneBy(FapiaoApplication, { id: recordId! });
      const after = await spec.step(recordId!, admin, payload, manager, files);
      return {
        subject: await subjectOf(deps, manager, after),
        before: snapshot(before),
        after: snapshot(after),
        message: spec.message,
      };
    },
  });
}

/** The issued documents, one row each (several for a split application). */
const DOCUMENT_LINES: LinesSpec = {
  name: 'documents',
  columns: [
    { name: 'number', required: true },
    { name: 'issueDate', type: 'date', required: true, defaultToday: true },
    { name: 'taxAmountFen', type: 'fen', required: true },
    { name: 'amountFen', type: 'fen' },
    { name: 'taxRate' },
    // Legacy paper fapiao only (8-digit numbers); digital ones have no code.
    { name: 'invoiceCode' },
    // The tax platform's files: the PDF is required for a digital fapiao (email delivery).
    { name: 'pdf', type: 'file', accept: '.pdf,application/pdf' },
    { name: 'ofd', type: 'file', accept: '.ofd' },
    { name: 'xml', type: 'file', accept: '.xml,application/xml,text/xml' },
  ],
};

/**
 * The form's `documents.<i>.*` rows; a request without them may give one document as
 * `documentNumber`, `issueDate`, `taxAmountFen` (and `amountFen`), as the form did before rows.
 */
function documentRows(payload: Record<string, string>) {
  const hasRows = Object.keys(payload).some((key) => key.startsWith(`${DOCUMENT_LINES.name}.`));
  if (hasRows) return readLines(payload, DOCUMENT_LINES);
  const single: Record<string, string> = {};
  const from = { number: 'documentNumber', issueDate: 'issueDate', taxAmountFen: 'taxAmountFen' };
  for (const [column, key] of Object.entries({ ...from, amountFen: 'amountFen' })) {
    if (payload[key] !== undefined) single[`documents.0.${column}`] = payload[key];
  }
  return readLines(single, DOCUMENT_LINES);
}

/**
 * A tax rate as staff type it ("6", "6%", "1.5 %") in basis points, read on the digits; NaN when
 * it is not one (the service refuses it with a field error).
 */
export function percentToBasisPoints(text: string): number {
  const match = /^(\d{1,3})(?:\.(\d{1,2}))?\s*%?$/.exec(text.trim());
  if (!match) return NaN;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** The application actions, each calling StaffApplicationsService (never a raw update). */
export function applicationActions(deps: ApplicationActionDeps): Record<string, ActionOptions> {
  const actions = stepActions(deps);
  return { ...actions, markMailedOut: { ...actions.markMailedOut, after: withDefaultCarrier } };
}

function stepActions(deps: ApplicationActionDeps): Record<string, ActionOptions> {
  const service = deps.staffApplications;
  const remark = (payload: Record<string, string>) => payload.remark?.trim() || undefined;
  return {
    startProcessing: applicationAction(deps, {
      auditAction: 'application.start_processing',
      icon: 'Play',
      isAvailable: when('startProcessing'),
      message: 'applicationProcessingStarted',
      step: (id, admin, _payload, manager) =>
        service.startProcessing(id, actor(admin), { manager }),
    }),
    bulkStartProcessing: bulkStartProcessing(deps),
    issue: applicationAction(deps, {
      auditAction: 'application.issue',
      icon: 'FileText',
      variant: 'success',
      isAvailable: when('issue'),
      fields: [{ ...DOCUMENT_LINES, type: 'lines' }],
      message: 'applicationIssued',
      // The common job: issue, then straight on to mailing it out (or handing it over).
      // A digital fapiao is delivered by its mail: nothing is left to do on it.
      nextAction: (params) =>
        params['shipping.method'] === 'email'
          ? undefined
          : params['shipping.method'] === 'pickup'
            ? 'markReadyForPickup'
            : 'markMailedOut',
      step: async (id, admin, payload, manager, files) => {
        const rows = documentRows(payload);
        const app = await manager.findOneByOrFail(FapiaoApplication, { id });
        // A single document covers the whole bill unless an amount is given; a split lists each.
        const documents = rows.map((row, i) => ({
          number: textCell(row, 'number'),
          issueDate: textCell(row, 'issueDate'),
          amountFen:
            rows.length === 1 && row.amountFen === undefined
              ? Number(app.amountFen)
              : fenCell(row, 'amountFen'),
          taxAmountFen: fenCell(row, 'taxAmountFen'),
          taxRateBasisPoints:
            row.taxRate === undefined ? undefined : percentToBasisPoints(String(row.taxRate)),
          invoiceCode: row.invoiceCode === undefined ? undefined : String(row.invoiceCode),
          files: Object.fromEntries(
            FAPIAO_FILE_KINDS.flatMap((kind) => {
              const file = files[`${DOCUMENT_LINES.name}.${i}.${kind}`];
              return file ? [[kind, file]] : [];
            }),
          ),
        }));
        return deps.digitalIssue.issue(id, actor(admin), documents, {
          remark: remark(payload),
          manager,
        });
      },
    }),
    markMailedOut: applicationAction(deps, {
      auditAction: 'application.mailed_out',
      icon: 'Truck',
      isAvailable: (params) =>
        when('markMailedOut')(params) &&
        params['shipping.method'] !== 'pickup' &&
        params['shipping.method'] !== 'email',
      fields: [
        { name: 'carrier', required: true, valueFromRecord: DEFAULT_CARRIER },
        { name: 'trackingNumber', required: true },
      ],
      message: 'applicationMailedOut',
      step: (id, admin, payload, manager) =>
        service.markMailedOut(
          id,
          actor(admin),
          { carrier: payload.carrier ?? '', trackingNumber: payload.trackingNumber ?? '' },
          { manager },
        ),
    }),
    markReadyForPickup: applicationAction(deps, {
      auditAction: 'application.ready_for_pickup',
      icon: 'Package',
      isAvailable: (params) =>
        when('markReadyForPickup')(params) && params['shipping.method'] === 'pickup',
      message: 'applicationReadyForPickup',
      step: (id, admin, _payload, manager) =>
        service.markReadyForPickup(id, actor(admin), { manager }),
    }),
    markPickedUp: applicationAction(deps, {
      auditAction: 'application.picked_up',
      icon: 'CheckCircle',
      isAvailable: when('markPickedUp'),
      message: 'applicationPickedUp',
      step: (id, admin, _payload, manager) => service.markPickedUp(id, actor(admin), { manager }),
    }),
    putOnHold: applicationAction(deps, {
      auditAction: 'application.put_on_hold',
      icon: 'PauseCircle',
      isAvailable: when('putOnHold'),
      fields: [
        { name: 'expectedIssueDate', type: 'date', required: true },
        { name: 'notice', type: 'textarea', required: true },
      ],
      message: 'applicationOnHold',
      step: (id, admin, payload, manager) =>
        service.putOnHold(
          id,
          actor(admin),
          {
            expectedIssueDate: (payload.expectedIssueDate ?? '').trim(),
            notice: payload.notice ?? '',
          },
          { manager },
        ),
    }),
    release: applicationAction(deps, {
      auditAction: 'application.release',
      icon: 'PlayCircle',
      isAvailable: when('release'),
      message: 'applicationReleased',
      step: (id, admin, _payload, manager) => service.release(id, actor(admin), { manager }),
    }),
    correctTrackingNumber: applicationAction(deps, {
      auditAction: 'application.correct_tracking_number',
      icon: 'Edit',
      isAvailable: when('correctParcel'),
      fields: [
        { name: 'carrier', required: true, valueFromRecord: 'carrier' },
        { name: 'trackingNumber', required: true, valueFromRecord: 'trackingNumber' },
        { name: 'reason', type: 'textarea', required: true },
      ],
      message: 'applicationTrackingCorrected',
      step: (id, admin, payload, manager) =>
        service.correctParcel(
          id,
          actor(admin),
          {
            carrier: payload.carrier ?? '',
            trackingNumber: payload.trackingNumber ?? '',
            reason: payload.reason ?? '',
          },
          { manager },
        ),
    }),
    correctDocumentNumber: formAction(deps, {
      actionType: 'record',
      roles: WORKERS,
      auditAction: 'application.correct_document_number',
      icon: 'Edit3',
      isAvailable: (params) => (WITH_DOCUMENTS as readonly unknown[]).includes(params.status),
      fields: [
        { name: 'number', required: true },
        { name: 'newNumber', required: true },
        { name: 'reason', type: 'textarea', required: true },
      ],
      run: async ({ manager, payload, recordId, admin }): Promise<ActionOutcome> => {
        const number = (payload.number ?? '').trim();
        const newNumber = (payload.newNumber ?? '').trim();
        await service.correctDocumentNumber(
          recordId!,
          actor(admin),
          { number, newNumber, reason: payload.reason ?? '' },
          { manager },
        );
        return {
          before: { documentNumber: number },
          after: { documentNumber: newNumber, reason: (payload.reason ?? '').trim() },
          message: 'applicationDocumentNumberCorrected',
        };
      },
    }),
    reject: applicationAction(deps, {
      auditAction: 'application.reject',
      icon: 'XCircle',
      variant: 'danger',
      isAvailable: when('reject'),
      fields: [{ name: 'reason', type: 'textarea', required: true }],
      message: 'applicationRejected',
      step: (id, admin, payload, manager) =>
        service.reject(id, actor(admin), payload.reason ?? '', { manager }),
    }),
    addRemark: applicationAction(deps, {
      auditAction: 'application.remark',
      icon: 'MessageSquare',
      fields: [{ name: 'remark', type: 'textarea', required: true }],
      message: 'applicationRemarkAdded',
      step: (id, admin, payload, manager) =>
        service.addRemark(id, actor(admin), payload.remark ?? '', { manager }),
    }),
  };
}

/**
 * Starts processing every selected application that is still submitted, one service call each;
 * the ones another staff member took first are skipped and counted. One audit entry per started
 * application.
 */
function bulkStartProcessing(deps: ApplicationActionDeps): ActionOptions {
  const base = formAction(deps, {
    actionType: 'resource',
    roles: WORKERS,
    auditAction: 'application.start_processing',
    run: () => Promise.reject(new Error('bulk only')),
  });
  return {
    actionType: 'bulk',
    icon: 'Play',
    isAccessible: base.isAccessible,
    isVisible: base.isAccessible,
    component: ADMIN_COMPONENTS.ActionForm,
    custom: { fields: [] },
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    handler: async (request: any, _response: unknown, context: any) => {
      const { records = [], currentAdmin, resource, h } = context;
      const resourceId = resource._decorated?.id() ?? resource.id();
      const json = records.map((r: { toJSON(a: unknown): unknown }) => r.toJSON(currentAdmin));
      if (request.method !== 'post') return { records: json };
      const admin = currentAdmin as StaffAdmin;
      let started = 0;
      for (const record of records as { id(): string }[]) {
        try {
          await deps.dataSource.transaction(async (manager) => {
            const after = await deps.staffApplications.startProcessing(record.id(), actor(admin), {
              manager,
            });
            await deps.audit.record(manager, {
              actor: admin,
              action: 'application.start_processing',
              resource: resourceId,
              recordId: record.id(),
              subject: after.orderNumber,
              before: { status: 'submitted' },
              after: snapshot(after),
              ...clientOf(request),
            });
          });
          started++;
        } catch (error) {
          if (!(error instanceof ProblemException)) throw error;
        }
      }
      return {
        records: json,
        notice: {
          message: 'applicationsProcessingStarted',
          type: started === records.length ? 'success' : 'info',
          options: { started, skipped: records.length - started },
        },
        redirectUrl: h.resourceUrl({ resourceId }),
      };
    },
  };
}

/** Overdue: still waiting for the service centre after its due date (Asia/Shanghai). */
export function isOverdue(
  params: { status?: unknown; dueDate?: unknown; expectedIssueDate?: unknown },
  now: Date,
): boolean {
  const open = (AWAITING_SERVICE_STATUSES as readonly unknown[]).includes(params.status);
  return open && typeof params.dueDate === 'string' && params.dueDate < toBusinessDate(now);
}
