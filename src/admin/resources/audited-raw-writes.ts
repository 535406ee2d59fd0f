import type { ActionContext, ActionRequest, ActionResponse, RecordJSON } from 'adminjs' with {
  'resolution-mode': 'import',
};
import { StaffAdmin } from '../admin-access';
import type { AuditLogService } from '../audit/audit-log.service';
import { clientOf } from '../security/client-info';
import type { DataSource } from 'typeorm';

/** The record's title as text (a calendar day's title is its date, which may come as a Date). */
function subjectOf(title: unknown): string | undefined {
  if (title instanceof Date) return title.toISOString().slice(0, 10);
  return typeof title === 'string' && title ? title : undefined;
}

/**
 * `after` hooks for the generic new/edit forms of configuration resources (out-of-use periods,
 * calendar overrides): a successful save writes an audit entry with the saved values. The save
 * itself is AdminJS's own, so the entry follows it (it cannot share its transaction).
 */
export function auditedRawWrite(
  deps: { dataSource: DataSource; audit: AuditLogService },
  auditAction: string,
) {
  return async (
    response: ActionResponse,
    request: ActionRequest,
    context: ActionContext,
  ): Promise<ActionResponse> => {
    const record = response.record as RecordJSON | undefined;
    const saved = request.method === 'post' && record && !Object.keys(record.errors ?? {}).length;
    if (!saved || response.notice?.type === 'error') return response;
    const resource = context.resource._decorated?.id() ?? context.resource.id();
    await deps.dataSource.transaction((manager) =>
      deps.audit.record(manager, {
        actor: context.currentAdmin as StaffAdmin,
        action: auditAction,
        resource,
        recordId: String(record.id),
        subject: subjectOf(record.title as unknown),
        after: record.params,
        ...clientOf(request),
      }),
    );
    return response;
  };
}
