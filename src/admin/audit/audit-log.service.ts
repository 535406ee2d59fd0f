import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../../common/time/clock';
import { withoutSecrets } from './without-secrets';

/** Who did it: the signed-in staff member (AdminJS `currentAdmin`), or an unknown login. */
export interface AuditActor {
  id?: string | null;
  email?: string | null;
}

export interface AuditEntry {
  actor: AuditActor;
  /** Dotted verb: `<resource>.<what>`, e.g. `application.issue`, `staff.disable`. */
  action: string;
  resource?: string;
  recordId?: string;
  before?: object | null;
  after?: object | null;
  ip?: string | null;
  /** What it concerned as people name it, e.g. `SO-1001 · 04400001`. */
  subject?: string | null;
  userAgent?: string | null;
}

/**
 * Writes the audit log. Call `record` with the manager of the transaction that makes the change,
 * so the entry commits or rolls back with it.
 */
@Injectable()
export class AuditLogService {
  constructor(private readonly clock: Clock) {}

  async record(manager: EntityManager, entry: AuditEntry): Promise<void> {
    await manager.query(
      `INSERT INTO audit_log (staff_id, staff_email, action, resource, record_id, before, after, ip, at,
                              subject, user_agent)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        entry.actor.id ?? null,
        entry.actor.email?.trim().toLowerCase().slice(0, 254) ?? null,
        entry.action,
        entry.resource ?? null,
        entry.recordId ?? null,
        entry.before ? JSON.stringify(withoutSecrets(entry.before)) : null,
        entry.after ? JSON.stringify(withoutSecrets(entry.after)) : null,
        entry.ip?.slice(0, 45) ?? null,
        this.clock.now(),
        entry.subject?.slice(0, 200) ?? null,
        entry.userAgent?.slice(0, 512) ?? null,
      ],
    );
  }
}
