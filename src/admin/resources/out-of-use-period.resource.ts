import type { ResourceWithOptions } from 'adminjs' with { 'resolution-mode': 'import' };
import { OutOfUsePeriod } from '../../fapiao/out-of-use/out-of-use-period.entity';
import { roleGuardedActions } from '../admin-access';
import { FormActionDeps } from '../actions/form-action';
import { auditedRawWrite } from './audited-raw-writes';

export const OUT_OF_USE_PERIODS_RESOURCE = 'out_of_use_periods';

/**
 * Periods in which fapiao cannot be issued, with the expected issue date and the notice in both
 * languages. Admins create, edit and read them (audited). The out-of-use job puts
 * waiting applications on hold while one is active.
 */
export function outOfUsePeriodResource(deps: FormActionDeps): ResourceWithOptions {
  return {
    resource: OutOfUsePeriod,
    options: {
      id: OUT_OF_USE_PERIODS_RESOURCE,
      navigation: { name: 'fapiao', icon: 'FileText' },
      properties: {
        noticeZh: { type: 'textarea' },
        noticeEn: { type: 'textarea' },
        id: { isVisible: { list: false, show: true, edit: false, filter: false } },
        createdAt: { isVisible: { list: false, show: true, edit: false, filter: true } },
      },
      listProperties: ['startsAt', 'endsAt', 'expectedIssueDate', 'noticeZh'],
      sort: { sortBy: 'startsAt', direction: 'desc' },
      actions: roleGuardedActions(
        OUT_OF_USE_PERIODS_RESOURCE,
        // Admins declare them; the service centre and support see their effect (applications on
        // hold, the customers' notice), not the records.
        { read: [], raw: { new: [], edit: [] } },
        {
          new: { after: auditedRawWrite(deps, 'out_of_use_period.create') },
          edit: { after: auditedRawWrite(deps, 'out_of_use_period.edit') },
        },
      ),
    },
  };
}
