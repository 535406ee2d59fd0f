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
import { APPLICATION_PURPOSES, FAPIAO_TYPES } from '../../fapiao/titles/fapiao-title';
import { SHIPPING_METHODS } from '../../shipping/shipping-method';
import { FapiaoApplication } from '../../fapiao/applications/entities/fapiao-application.entity';
import { roleGuardedActions } from '../admin-access';
import { ADMIN_COMPONENTS } from '../admin-components';
import { ApplicationActionDeps, applicationActions, isOverdue } from './application-actions';
import { DocumentFilesActionDeps, documentFilesActions } from './document-files-actions';
import type { StaffSupportRequestsService } from '../../fapiao/support/staff-support-requests.service';
import { applicationFilters } from './application-filters';
import { maskPersonalParams, prefixed, TITLE_PERSONAL_FIELDS } from './mask-params';
import { FinanceExportDeps, financeExportAction } from './finance-export-action';
import { listWithVirtualFilters, searchFilter } from './virtual-filters';

export const APPLICATIONS_RESOURCE = 'applications';

export interface ApplicationResourceDeps
  extends ApplicationActionDeps, FinanceExportDeps, DocumentFilesActionDeps {
  clock: Clock;
  staffSupportRequests: StaffSupportRequestsService;
}

/** The virtual property the application page's working view reads (ApplicationDetails). */
export const STAFF_VIEW = 'staffView';

/**
 * The show action's working view: what the customer's API has (title, shipping, documents,
 * remarks), the history with who took each step, and the support requests about it, as JSON
 * in one virtual property (AdminJS records are flat key/value pairs).
 */
function withStaffView(deps: ApplicationResourceDeps) {
  return async (response: ActionResponse): Promise<ActionResponse> => {
    const record = response.record as RecordJSON | undefined;
    if (!record?.id || record.baseError) return response;
    const [view, supportRequests] = await Promise.all([
      deps.staffApplications.viewForStaff(record.id),
      deps.staffSupportRequests.listForApplication(record.id),
    ]);
    record.params[STAFF_VIEW] = JSON.stringify({ ...view, supportRequests });
    return response;
  };
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
        type: { availableValues: FAPIAO_TYPES.map((value) => ({ value, label: value })) },
        purpose: {
          availableValues: APPLICATION_PURPOSES.map((value) => ({ value, label: value })),
        },
        'shipping.method': {
          availableValues: SHIPPING_METHODS.map((value) => ({ value, label: value })),
        },
        overdue: {
          type: 'boolean',
          isVisible: { list: true, show: true, edit: false, filter: true },
          components: { list: ADMIN_COMPONENTS.OverdueBadge, show: ADMIN_COMPONENTS.OverdueBadge },
        },
        search: {
          type: 'string',
          isVisible: { list: false, show: false, edit: false, filter: true },
        },
        dueToday: {
          type: 'boolean',
          isVisible: { list: false, show: false, edit: false, filter: true },
        },
        id: { isVisible: { list: false, show: true, edit: false, filter: true } },
        customerId: { reference: 'customers' },
        orderId: { reference: 'orders' },
        [STAFF_VIEW]: {
          type: 'string',
          isVisible: { list: false, show: true, edit: false, filter: false },
          components: { show: ADMIN_COMPONENTS.ApplicationDetails },
        },
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
        'customerId',
        'orderId',
        'contactEmail',
        'locale',
        'carrier',
        'trackingNumber',
        'rejectionReason',
        'createdAt',
        'updatedAt',
        STAFF_VIEW,
      ],
      sort: { sortBy: 'dueDate', direction: 'asc' },
      actions: roleGuardedActions(
        APPLICATIONS_RESOURCE,
        { read: [StaffRole.SERVICE_CENTER, StaffRole.SUPPORT] },
        {
          list: {
            handler: listWithVirtualFilters([
              ...applicationFilters(deps.clock),
              searchFilter((text) => deps.staffApplications.searchIds(text)),
            ]),
            after: [withOverdue, maskApplicationPersonalData],
          },
          show: { after: [withOverdue, withStaffView(deps)] },
          ...applicationActions(deps),
          exportFinanceCsv: financeExportAction(deps),
          ...documentFilesActions(deps),
        },
      ),
    },
  };
}
