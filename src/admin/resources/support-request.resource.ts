import type {
  ActionContext,
  ActionRequest,
  ActionResponse,
  RecordJSON,
  ResourceWithOptions,
} from 'adminjs' with { 'resolution-mode': 'import' };
import { StaffRole } from '../../auth/staff/staff-role';
import type { StaffApplicationsService } from '../../fapiao/applications/staff-applications.service';
import { SupportRequest } from '../../fapiao/support/entities/support-request.entity';
import {
  formatRequestNumber,
  SUPPORT_REQUEST_STATUSES,
  SUPPORT_REQUEST_TYPES,
} from '../../fapiao/support/support-request-status';
import { roleGuardedActions } from '../admin-access';
import { maskPersonalParams, prefixed, TITLE_PERSONAL_FIELDS } from './mask-params';
import { ADMIN_COMPONENTS } from '../admin-components';
import { listWithVirtualFilters, searchFilter } from './virtual-filters';
import { RedLetterActionDeps, redLetterActions } from './red-letter-actions';
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

/** The virtual property the request page's working view reads (SupportRequestDetails). */
const STAFF_VIEW = 'staffView';

/** The request's lines, new title and history, and its application's documents, as JSON. */
function withStaffView(
  deps: SupportRequestActionDeps & { staffApplications: StaffApplicationsService },
) {
  return async (response: ActionResponse): Promise<ActionResponse> => {
    const record = response.record as RecordJSON | undefined;
    if (!record?.id || record.baseError) return response;
    const request = await deps.staffSupportRequests.viewForStaff(record.id);
    const documents = request.applicationId
      ? (await deps.staffApplications.viewForStaff(request.applicationId)).application.documents
      : [];
    record.params[STAFF_VIEW] = JSON.stringify({ request, documents });
    return response;
  };
}

const choices = (values: readonly string[]) => values.map((value) => ({ value, label: value }));

/**
 * Customers' support requests (split, retitle, not received, other). Changed only through the
 * actions (StaffSupportRequestsService), never by the generic new/edit/delete forms.
 */
const maskSupportRequestPersonalData = maskPersonalParams({
  ...prefixed('newTitle', TITLE_PERSONAL_FIELDS),
  ...prefixed('lines.*.title', TITLE_PERSONAL_FIELDS),
});

export function supportRequestResource(
  deps: SupportRequestActionDeps &
    RedLetterActionDeps & { staffApplications: StaffApplicationsService },
): ResourceWithOptions {
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
        search: {
          type: 'string',
          isVisible: { list: false, show: false, edit: false, filter: true },
        },
        [STAFF_VIEW]: {
          type: 'string',
          isVisible: { list: false, show: true, edit: false, filter: false },
          components: { show: ADMIN_COMPONENTS.SupportRequestDetails },
        },
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
        'returnedAt',
        'resolution',
        'documentsIssuedAt',
        'documentsIssuedBy',
        'version',
        'createdAt',
        'updatedAt',
        STAFF_VIEW,
      ],
      sort: { sortBy: 'createdAt', direction: 'desc' },
      actions: roleGuardedActions(
        SUPPORT_REQUESTS_RESOURCE,
        { read: SUPPORT_REQUEST_ACCESS.read },
        {
          list: {
            handler: listWithVirtualFilters([
              searchFilter((text) => deps.staffSupportRequests.searchIds(text)),
            ]),
            after: [withRequestNumber, maskSupportRequestPersonalData],
          },
          show: { after: [withRequestNumber, withStaffView(deps)] },
          ...supportRequestActions(deps),
          ...redLetterActions(deps),
        },
      ),
    },
  };
}
