import type {
  ActionContext,
  ActionRequest,
  ActionResponse,
  RecordJSON,
  ResourceWithOptions,
} from 'adminjs' with { 'resolution-mode': 'import' };
import { StaffRole } from '../../auth/staff/staff-role';
import type { Clock } from '../../common/time/clock';
import { APPLICATION_STATUSES } from '../../fapiao/applications/application-status';
import { FapiaoApplication } from '../../fapiao/applications/entities/fapiao-application.entity';
import { roleGuardedActions } from '../admin-access';
import { ADMIN_COMPONENTS } from '../admin-components';
import { ApplicationActionDeps, applicationActions, isOverdue } from './application-actions';
import { applicationFilters } from './application-filters';
import { listWithVirtualFilters } from './virtual-filters';
import { maskPersonalParams, prefixed, TITLE_PERSONAL_FIELDS } from './mask-params';

export const APPLICATIONS_RESOURCE = 'applications';

export interface ApplicationResourceDeps extends ApplicationActionDeps {
  clock: Clock;
}

/**
 * Fapiao applications: the service centre's queue. Read by service centre and support; changed
 * only through the actions (StaffApplicationsService), never by the generic edit/delete forms.
 * The list shows the due date and flags overdue ones (`overdue`, computed, not stored); it filters
 * by overdue and due today too (virtual filters, see application-filters.ts). On hold is a status.
 */
const maskApplicationPersonalData = maskPersonalParams({
  ...prefixed('title', TITLE_PERSONAL_FIELDS),
  'shipping.phone': 'phone',
  'shipping.address': 'address',
});

export function applicationResource(deps: ApplicationResourceDeps): ResourceWithOptions {
  const withOverdue = (
    response: ActionResponse,
    _request: ActionRequest,
    _context: ActionContext,
  ): ActionResponse => {
    const now = deps.clock.now();
    const mark = (record: RecordJSON) => {
      record.params.overdue = isOverdue(record.params, now);
    };
    if (response.record) mark(response.record as RecordJSON);
    (response.records as RecordJSON[] | undefined)?.forEach(mark);
    return response;
  };
  return {
    resource: FapiaoApplication,
    options: {
      id: APPLICATIONS_RESOURCE,
      navigation: { name: 'fapiao', icon: 'FileText' },
      properties: {
        orderNumber: { isTitle: true },
        status: {
          availableValues: APPLICATION_STATUSES.map((value) => ({ value, label: value })),
        },
        overdue: {
          type: 'boolean',
          isVisible: { list: true, show: true, edit: false, filter: true },
          components: { list: ADMIN_COMPONENTS.OverdueBadge, show: ADMIN_COMPONENTS.OverdueBadge },
        },
        dueToday: {
          type: 'boolean',
          isVisible: { list: false, show: false, edit: false, filter: true },
        },
        id: { isVisible: { list: false, show: true, edit: false, filter: true } },
      },
      listProperties: [
        'orderNumber',
        'status',
        'dueDate',
        'overdue',
        'type',
        'title.buyerName',
        'shipping.method',
        'submittedAt',
      ],
      filterProperties: [
        'orderNumber',
        'status',
        'overdue',
        'dueToday',
        'dueDate',
        'dueDateProvisional',
        'expectedIssueDate',
        'type',
        'shipping.method',
        'contactEmail',
        'submittedAt',
      ],
      showProperties: [
        'id',
        'orderNumber',
        'status',
        'version',
        'dueDate',
        'dueDateProvisional',
        'overdue',
        'expectedIssueDate',
        'submittedAt',
        'type',
        'purpose',
        'amountFen',
        'contactEmail',
        'locale',
        'title.buyerName',
        'title.taxId',
        'shipping.method',
        'shipping.recipient',
        'shipping.city',
        'carrier',
        'trackingNumber',
        'rejectionReason',
        'createdAt',
        'updatedAt',
      ],
      sort: { sortBy: 'dueDate', direction: 'asc' },
      actions: roleGuardedActions(
        APPLICATIONS_RESOURCE,
        { read: [StaffRole.SERVICE_CENTER, StaffRole.SUPPORT] },
        {
          list: {
            handler: listWithVirtualFilters(applicationFilters(deps.clock)),
            after: [withOverdue, maskApplicationPersonalData],
          },
          show: { after: withOverdue },
          ...applicationActions(deps),
        },
      ),
    },
  };
}
