import type { DataSource } from 'typeorm';
import type { AccountsService } from '../../auth/customer/accounts.service';
import { StaffManagementService } from '../../auth/staff/staff-management.service';
import type { Clock } from '../../common/time/clock';
import type { StaffApplicationsService } from '../../fapiao/applications/staff-applications.service';
import type { CalendarArrangements } from '../../fapiao/calendar/calendar-arrangements.service';
import type { FailedMailsService } from '../../notifications/failed-mails.service';
import { AuditLogService } from '../audit/audit-log.service';

/** What resource definitions need to build their actions. */
export interface AdminResourceDeps {
  dataSource: DataSource;
  audit: AuditLogService;
  clock: Clock;
  staffManagement: StaffManagementService;
  staffApplications: StaffApplicationsService;
  accounts: AccountsService;
  failedMails: FailedMailsService;
  calendarArrangements: CalendarArrangements;
}
