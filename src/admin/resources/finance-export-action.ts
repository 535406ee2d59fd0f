import type { ActionContext, ActionRequest } from 'adminjs' with { 'resolution-mode': 'import' };
import { isLocale } from '../../common/locale';
import type { StaffApplicationsService } from '../../fapiao/applications/staff-applications.service';
import type { PaymentRecordsService } from '../../orders/payment-records.service';
import { ActionOptions, allowRoles, StaffAdmin } from '../admin-access';
import { ADMIN_COMPONENTS } from '../admin-components';
import { FormActionDeps } from '../actions/form-action';
import { financeCsv } from '../finance-export';
import { clientOf } from '../security/client-info';

export interface FinanceExportDeps extends FormActionDeps {
  staffApplications: StaffApplicationsService;
  payments: PaymentRecordsService;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * Finance's monthly CSV (admins): every fapiao issued in the month beside the payment received
 * for its order. The file comes back in the JSON answer (AdminJS actions answer JSON) and the
 * ExportFinanceCsv component saves it; each export is audited.
 */
export function financeExportAction(deps: FinanceExportDeps): ActionOptions {
  return {
    actionType: 'resource',
    icon: 'Download',
    component: ADMIN_COMPONENTS.ExportFinanceCsv,
    isAccessible: allowRoles(),
    isVisible: allowRoles(),
    handler: async (request: ActionRequest, _response: unknown, context: ActionContext) => {
      if (request.method !== 'post') return {};
      const payload = (request.payload ?? {}) as Record<string, unknown>;
      const month = typeof payload.month === 'string' ? payload.month.trim() : '';
      if (!MONTH.test(month)) {
        return {
          notice: { message: 'VALIDATION_FAILED', type: 'error' },
          fieldErrors: { month: { message: 'monthInvalid' } },
        };
      }
      const locale = isLocale(payload.language) ? payload.language : 'zh-CN';
      const documents = await deps.staffApplications.issuedInMonth(month);
      const payments = await deps.payments.paymentsForOrders([
        ...new Set(documents.map((d) => d.orderId)),
      ]);
      const csv = financeCsv(documents, payments, locale);
      await deps.dataSource.transaction((manager) =>
        deps.audit.record(manager, {
          actor: context.currentAdmin as StaffAdmin,
          action: 'application.export_finance_csv',
          resource: 'applications',
          subject: month,
          after: { month, documents: documents.length },
          ...clientOf(request),
        }),
      );
      return {
        csv,
        filename: `fapiao-${month}.csv`,
        notice: {
          message: 'financeExported',
          type: 'success',
          options: { count: documents.length, month },
        },
      };
    },
  };
}
