import type { DataSource } from 'typeorm';
import { StaffManagementService } from '../../auth/staff/staff-management.service';
import { AuditLogService } from '../audit/audit-log.service';

/** What resource definitions need to build their actions; phase 2 adds the fapiao services. */
export interface AdminResourceDeps {
  dataSource: DataSource;
  audit: AuditLogService;
  staffManagement: StaffManagementService;
}
