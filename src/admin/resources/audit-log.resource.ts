import type {
  ActionContext,
  ActionRequest,
  ActionResponse,
  RecordJSON,
  ResourceWithOptions,
} from 'adminjs' with { 'resolution-mode': 'import' };
import { roleGuardedActions } from '../admin-access';
import { AUDIT_ACTIONS } from '../audit/audit-action-names';
import { AuditLogEntry } from '../audit/audit-log.entity';

export const AUDIT_LOG_RESOURCE = 'audit_log';

const show = (value: unknown): string =>
  value === undefined || value === null
    ? '—'
    : typeof value === 'string'
      ? value
      : JSON.stringify(value);

/** One line per field that differs between before and after: `status: processing → issued`. */
export function describeChanges(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): string {
  const fields = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  return fields
    .filter((f) => JSON.stringify(before?.[f]) !== JSON.stringify(after?.[f]))
    .map((f) => `${f}: ${show(before?.[f])} → ${show(after?.[f])}`)
    .join('\n');
}

/**
 * Shows what changed, field by field, and `before` / `after` as indented JSON instead of
 * AdminJS's flattened `before.x` params.
 */
async function withReadableChanges(
  response: ActionResponse,
  _request: ActionRequest,
  _context: ActionContext,
): Promise<ActionResponse> {
  const record = response.record as RecordJSON | undefined;
  if (!record) return response;
  const entry = await AuditLogEntry.findOneBy({ id: record.id });
  const params = Object.fromEntries(
    Object.entries(record.params).filter(([key]) => !/^(before|after)\./.test(key)),
  );
  params.changes = describeChanges(entry?.before ?? null, entry?.after ?? null);
  params.before = entry?.before ? JSON.stringify(entry.before, null, 2) : '';
  params.after = entry?.after ? JSON.stringify(entry.after, null, 2) : '';
  return { ...response, record: { ...record, params } };
}

/** The audit log: admins read it; nobody can change it (the database refuses it anyway). */
export function auditLogResource(): ResourceWithOptions {
  return {
    resource: AuditLogEntry,
    options: {
      id: AUDIT_LOG_RESOURCE,
      navigation: { name: 'administration', icon: 'Settings' },
      properties: {
        action: { availableValues: AUDIT_ACTIONS.map((value) => ({ value, label: value })) },
        changes: {
          type: 'textarea',
          isVisible: { list: false, filter: false, show: true, edit: false },
        },
        before: {
          type: 'textarea',
          isVisible: { list: false, filter: false, show: true, edit: false },
        },
        after: {
          type: 'textarea',
          isVisible: { list: false, filter: false, show: true, edit: false },
        },
        id: { isVisible: { list: false, filter: false, show: true, edit: false } },
      },
      listProperties: ['at', 'staffEmail', 'action', 'subject', 'ip'],
      showProperties: [
        'at',
        'staffEmail',
        'action',
        'subject',
        'changes',
        'ip',
        'userAgent',
        'resource',
        'recordId',
        'staffId',
        'before',
        'after',
      ],
      sort: { sortBy: 'at', direction: 'desc' },
      actions: roleGuardedActions(
        AUDIT_LOG_RESOURCE,
        { read: [] },
        {
          show: { after: withReadableChanges },
        },
      ),
    },
  };
}
