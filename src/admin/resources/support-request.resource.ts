import type {
  ActionContext,
  ActionRequest,
  ActionResponse,
  RecordJSON,
  ResourceWithOptions,
} from 'adminjs' with { 'resolution-mode': 'import' };
import { StaffRole } from '../../auth/staff/staff-role';
import { SupportRequest } from '../../fapiao/support/entities/support-request.entity';
import {
  formatRequestNumber,
  SUPPORT_REQUEST_STATUSES,
  SUPPORT_REQUEST_TYPES,
} from '../../fapiao/support/support-request-status';
import { roleGuardedActions } from '../admin-access';
import {
  SUPPORT_REQUEST_WORKERS,
  SupportRequestActionDeps,
  supportRequestActions,
} from './support-request-actions';

export const SUPPORT_REQUESTS_RESOURCE = 'support_requests';

/**
 * Who may do what with support requests (admins always may everything):
 *
 * | role           | list / show / search | reply, steps, issue documents | raw new / edit / delete |
 * | -------------- | -------------------- | ----------------------------- | ----------------------- |
 * | support        | yes                  | yes                           | no                      |
 * | service_center | yes (read-only)      | no                            | no                      |
 *
 * The service centre reads them because a split or retitle reissues the application it then
 * mails out (DESIGN.md: support handles the requests; the service centre issues and mails).
 */
export const SUPPORT_REQUEST_ACCESS = {
  read: [StaffRole.SUPPORT, StaffRole.SERVICE_CENTER],
  act: SUPPORT_REQUEST_WORKERS,
} as const;

/** The number people quote (SR000042), computed from the sequence, not stored. */
function withRequestNumber(
  response: ActionResponse,
  _request: ActionRequest,
  _context: ActionContext,
): ActionResponse {
  const mark = (record: RecordJSON) => {
    record.params.requestNumber = formatRequestNumber(String(record.params.sequence ?? ''));
  };
  if (response.record) mark(response.record as RecordJSON);
  (response.records as RecordJSON[] | undefined)?.forEach(mark);
  return response;
}

const choices = (values: readonly string[]) => values.map((value) => ({ value, label: value }));

/**
 * Customers' support requests (split, retitle, not received, other). Changed only through the
 * actions (StaffSupportRequestsService), never by the generic new/edit/delete forms.
 */
export function supportRequestResource(deps: SupportRequestActionDeps): ResourceWithOptions {
  return {
    resource: SupportRequest,
    options: {
      id: SUPPORT_REQUESTS_RESOURCE,
      navigation: { name: 'customerCare', icon: 'LifeBuoy' },
      properties: {
        orderNumber: { isTitle: true },
        requestNumber: {
          type: 'string',
          isVisible: { list: true, show: true, edit: false, filter: false },
        },
        type: { availableValues: choices(SUPPORT_REQUEST_TYPES) },
        status: { availableValues: choices(SUPPORT_REQUEST_STATUSES) },
        applicationId: { reference: 'applications' },
        orderId: { reference: 'orders' },
        message: { type: 'textarea' },
        id: { isVisible: { list: false, show: true, edit: false, filter: true } },
      },
      listProperties: [
        'requestNumber',
        'type',
        'status',
        'orderNumber',
        'billAmountFen',
        'contactEmail',
        'createdAt',
      ],
      filterProperties: ['status', 'type', 'createdAt', 'orderNumber', 'contactEmail'],
      showProperties: [
        'id',
        'requestNumber',
        'type',
        'status',
        'orderNumber',
        'billAmountFen',
        'applicationId',
        'contactEmail',
        'locale',
        'message',
        'lines',
        'newTitle',
        'returnedAt',
        'resolution',
        'documentsIssuedAt',
        'documentsIssuedBy',
        'version',
        'createdAt',
        'updatedAt',
      ],
      sort: { sortBy: 'createdAt', direction: 'desc' },
      actions: roleGuardedActions(
        SUPPORT_REQUESTS_RESOURCE,
        { read: SUPPORT_REQUEST_ACCESS.read },
        {
          list: { after: withRequestNumber },
          show: { after: withRequestNumber },
          ...supportRequestActions(deps),
        },
      ),
    },
  };
}
