import type {
  ActionContext,
  ActionRequest,
  ActionResponse,
  RecordJSON,
  ResourceWithOptions,
} from 'adminjs' with { 'resolution-mode': 'import' };
import { roleGuardedActions } from '../admin-access';
import { AuditLogEntry } from '../audit/audit-log.entity';

export const AUDIT_LOG_RESOURCE = 'audit_log';

/** Shows `before` / `after` as indented JSON instead of AdminJS's flattened `before.x` params. */
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
      listProperties: ['at', 'staffEmail', 'action', 'resource', 'recordId', 'ip'],
      filterProperties: ['at', 'staffEmail', 'action', 'resource', 'recordId', 'ip'],
      showProperties: [
        'at',
        'staffEmail',
        'staffId',
        'action',
        'resource',
        'recordId',
        'ip',
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
