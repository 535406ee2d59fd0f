import { Module } from '@nestjs/common';
import { AuditLogService } from './audit-log.service';

/**
 * The back-office audit log. Import it wherever a staff action is implemented and call
 * `AuditLogService.record(manager, entry)` inside that action's transaction. Independent of
 * AdminJS, so it loads (cheaply) even when the back office is disabled.
 */
@Module({
  providers: [AuditLogService],
  exports: [AuditLogService],
})
export class AuditModule {}
