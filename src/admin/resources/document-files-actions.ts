import type { ActionContext, ActionRequest } from 'adminjs' with { 'resolution-mode': 'import' };
import { StaffRole } from '../../auth/staff/staff-role';
import type { DocumentFilesService } from '../../fapiao/document-files/document-files.service';
import { ActionOptions, allowRoles, StaffAdmin } from '../admin-access';
import { ADMIN_COMPONENTS } from '../admin-components';
import type { FormActionDeps } from '../actions/form-action';
import { clientOf } from '../security/client-info';

export interface DocumentFilesActionDeps extends FormActionDeps {
  documentFiles: DocumentFilesService;
}

/** Who may download customers' fapiao files: the service centre and support (admins always). */
const READERS = allowRoles(StaffRole.SERVICE_CENTER, StaffRole.SUPPORT);

/** Offered on a record only once it has been issued (the service reads what there is anyway). */
const ISSUED = new Set(['issued', 'mailed_out', 'ready_for_pickup', 'picked_up']);
const offered = (context: ActionContext): boolean =>
  READERS(context) && (!context.record || ISSUED.has(String(context.record.params.status)));

/**
 * One application's fapiao files (record action) or a selection's (bulk), as one zip in the JSON
 * answer (AdminJS actions answer JSON); the DownloadFiles component saves it. Each download is
 * audited: the files are the customers'.
 */
export function documentFilesActions(deps: DocumentFilesActionDeps): Record<string, ActionOptions> {
  const download = (actionType: 'record' | 'bulk'): ActionOptions => ({
    actionType,
    icon: 'Download',
    component: ADMIN_COMPONENTS.DownloadFiles,
    isAccessible: READERS,
    isVisible: actionType === 'record' ? offered : READERS,
    handler: async (request: ActionRequest, _response: unknown, context: ActionContext) => {
      const records = context.records ?? (context.record ? [context.record] : []);
      const json =
        actionType === 'bulk'
          ? { records: records.map((r) => r.toJSON(context.currentAdmin)) }
          : { record: context.record?.toJSON(context.currentAdmin) };
      if (request.method !== 'post') return json;
      const ids = records.map((r) => String(r.id()));
      const orderNumbers = records.map((r) => String(r.params.orderNumber ?? r.id()));
      const { zip, files } = await deps.documentFiles.zipForStaff(ids);
      if (files === 0) {
        return { ...json, notice: { message: 'noFapiaoFiles', type: 'info' } };
      }
      await deps.dataSource.transaction((manager) =>
        deps.audit.record(manager, {
          actor: context.currentAdmin as StaffAdmin,
          action: 'application.download_files',
          resource: 'applications',
          recordId: ids.length === 1 ? ids[0] : undefined,
          subject: records
            .map((r) => r.title())
            .join(' · ')
            .slice(0, 500),
          after: { applications: ids.length, files },
          ...clientOf(request),
        }),
      );
      const single = ids.length === 1 ? orderNumbers[0].replace(/[^A-Za-z0-9_-]/g, '_') : '';
      return {
        ...json,
        zip: zip.toString('base64'),
        filename: single ? `fapiao-${single}.zip` : `fapiao-files-${ids.length}.zip`,
        notice: { message: 'fapiaoFilesDownloaded', type: 'success', options: { files } },
      };
    },
  });
  return { downloadFiles: download('record'), bulkDownloadFiles: download('bulk') };
}
