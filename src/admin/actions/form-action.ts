import type { ActionContext, ActionRequest, RecordJSON } from 'adminjs' with {
  'resolution-mode': 'import',
};
import { readFile, unlink } from 'node:fs/promises';
import type { DataSource, EntityManager } from 'typeorm';
import { StaffRole } from '../../auth/staff/staff-role';
import { ProblemException } from '../../common/errors/problem.exception';
import { ActionOptions, allowRoles, StaffAdmin } from '../admin-access';
import { ADMIN_COMPONENTS } from '../admin-components';
import { AuditLogService } from '../audit/audit-log.service';
import { clientOf } from '../security/client-info';
import { StaffFieldError, staffFieldError } from './field-error-messages';
import type { LineColumn } from './form-lines';

/** A field of an action's form, rendered by the ActionForm component. */
export interface FormField {
  name: string;
  /** `file`: a text file chosen by the user, posted as its contents (e.g. an import). */
  type?: 'text' | 'email' | 'password' | 'textarea' | 'select' | 'date' | 'lines' | 'file';
  required?: boolean;
  /** For `select`: value and the translation key of its label (under `properties`). */
  options?: { value: string; label: string }[];
  /** For `lines`: one input per column in each row; the handler reads them with `readLines`. */
  columns?: LineColumn[];
  /** For `lines`: rows shown at first and the fewest accepted (default 1). */
  minRows?: number;
  /** For `lines`: start with one row per element of this array of the record (e.g. `lines`). */
  rowsFromRecord?: string;
  /** Start with the record's value of this property (e.g. the tracking number to correct). */
  valueFromRecord?: string;
}

/** What an action did: the audit log keeps before and after; `message` is a translation key. */
export interface ActionOutcome {
  recordId?: string;
  /** What the audit log names the record by: an order number, fapiao numbers, an email. */
  subject?: string;
  before?: object | null;
  after?: object | null;
  message: string;
}

export interface FormActionContext {
  manager: EntityManager;
  /** The submitted fields, as strings. */
  payload: Record<string, string>;
  /** The uploaded files, by field name (`file` columns of `lines` fields). */
  files: Record<string, UploadedFormFile>;
  /** The record's id for record actions. */
  recordId?: string;
  admin: StaffAdmin;
}

export interface FormActionSpec {
  actionType: 'record' | 'resource';
  /** Roles that may use it (admins always may); checked on the server for GET and POST. */
  roles: StaffRole[];
  /** The audit-log verb, e.g. `staff.disable`. */
  auditAction: string;
  fields?: FormField[];
  icon?: string;
  variant?: 'danger' | 'primary' | 'success' | 'info';
  /** Whether the action is legal for this record's current state (shown and allowed only then). */
  isAvailable?: (params: Record<string, unknown>) => boolean;
  /**
   * The action to open next on the record, if the work usually goes on there (issuing is
   * followed by mailing out): saves staff a page and a click.
   */
  nextAction?: (params: Record<string, unknown>) => string | undefined;
  /** Does the work through the owning module's service, in the transaction it is given. */
  run(context: FormActionContext): Promise<ActionOutcome>;
}

/** A file posted with the form. */
export interface UploadedFormFile {
  fileName: string;
  content: Buffer;
}

export interface FormActionDeps {
  dataSource: DataSource;
  audit: AuditLogService;
}

/**
 * A back-office action with a small form (or only a confirm button) that changes data through a
 * service, in one transaction with its audit-log entry. The service re-checks the record's state
 * under its lock, so `isAvailable` only decides what is offered. It runs only on POST: AdminJS calls
 * component-less actions with GET, which a link on another site could trigger.
 * Refusals of the service (`ProblemException`) come back as an error notice keyed by their code
 * (translatable) and field errors; anything else is a real failure and propagates.
 */
export function formAction(deps: FormActionDeps, spec: FormActionSpec): ActionOptions {
  const byRole = allowRoles(...spec.roles);
  // Offered only where the record's state allows it; a submit from a stale page still reaches
  // the service, whose refusal says what changed instead of AdminJS's bare "forbidden".
  const isVisible = (context: ActionContext): boolean =>
    byRole(context) &&
    (!spec.isAvailable || !context.record || spec.isAvailable(context.record.params));
  return {
    actionType: spec.actionType,
    icon: spec.icon,
    variant: spec.variant,
    component: ADMIN_COMPONENTS.ActionForm,
    custom: { fields: spec.fields ?? [] },
    isAccessible: byRole,
    isVisible,
    handler: async (request: ActionRequest, _response: unknown, context: ActionContext) => {
      const { record, currentAdmin, resource, h } = context;
      // The id the resource was registered under (e.g. `staff_users`), not the adapter's own.
      const resourceId = resource._decorated?.id() ?? resource.id();
      const json = (): RecordJSON | undefined => record?.toJSON(currentAdmin);
      if (request.method !== 'post') return { record: json() };

      const admin = currentAdmin as StaffAdmin;
      const files = await filesOf(request.payload);
      try {
        const outcome = await deps.dataSource.transaction(async (manager) => {
          const done = await spec.run({
            manager,
            payload: stringsOf(request.payload),
            files,
            recordId: record?.id(),
            admin,
          });
          const client = clientOf(request);
          await deps.audit.record(manager, {
            actor: admin,
            action: spec.auditAction,
            resource: resourceId,
            recordId: done.recordId ?? record?.id(),
            subject: done.subject ?? (record ? recordTitle(record) : undefined),
            before: done.before,
            after: done.after,
            ip: client.ip,
            userAgent: client.userAgent,
          });
          return done;
        });
        const recordId = outcome.recordId ?? record?.id();
        const fresh = recordId ? await resource.findOne(recordId, context) : null;
        const next = fresh && spec.nextAction?.(fresh.params);
        return {
          record: fresh?.toJSON(currentAdmin) ?? json(),
          notice: { message: outcome.message, type: 'success' },
          redirectUrl: recordId
            ? h.recordActionUrl({ resourceId, recordId, actionName: next || 'show' })
            : h.resourceUrl({ resourceId }),
        };
      } catch (error) {
        if (!(error instanceof ProblemException)) throw error;
        return {
          record: json(),
          // The problem's extensions (e.g. who did it first, and when) fill the message's blanks.
          notice: {
            message: error.code,
            type: 'error',
            // `_changed` variants of a message also name who changed the record and when.
            options: {
              ...error.extensions,
              ...(error.extensions?.changedBy ? { context: 'changed' } : {}),
              defaultValue: error.detail,
            },
          },
          fieldErrors: fieldErrorsOf(error),
        };
      }
    },
  };
}

/** The record's title as AdminJS shows it (the resource's title property: order number, email…). */
function recordTitle(record: { title(): string }): string | undefined {
  return record.title() || undefined;
}

/** AdminJS keeps one error per field: the first, with the others on the same field after it. */
function fieldErrorsOf(error: ProblemException): Record<string, StaffFieldError> {
  const errors: Record<string, StaffFieldError> = {};
  for (const { field, message } of error.errors ?? []) {
    const staffError = staffFieldError(field, message);
    const first = errors[field];
    if (first) first.more = [...(first.more ?? []), staffError];
    else errors[field] = staffError;
  }
  return errors;
}

/** formidable's upload as @adminjs/express hands it on: a temporary file, removed once read. */
interface FormidableFile {
  path: string;
  name?: string | null;
}

function isFormidableFile(value: unknown): value is FormidableFile {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as FormidableFile).path === 'string'
  );
}

async function filesOf(payload: Record<string, unknown> | undefined) {
  const files: Record<string, UploadedFormFile> = {};
  for (const [key, value] of Object.entries(payload ?? {})) {
    if (!isFormidableFile(value)) continue;
    try {
      files[key] = { fileName: value.name ?? '', content: await readFile(value.path) };
    } finally {
      await unlink(value.path).catch(() => undefined);
    }
  }
  return files;
}

function stringsOf(payload: Record<string, unknown> | undefined): Record<string, string> {
  return Object.fromEntries(
    Object.entries(payload ?? {})
      .filter(([, value]) => typeof value === 'string')
      .map(([key, value]) => [key, value as string]),
  );
}
