import type { EntityManager } from 'typeorm';
import type { Clock } from '../../common/time/clock';
import type { StaffActor } from '../applications/application-actor';
import { FapiaoApplication } from '../applications/entities/fapiao-application.entity';
import { FapiaoException } from '../fapiao.exception';
import { SupportRequestHistory } from './entities/support-request-history.entity';
import { SupportRequest } from './entities/support-request.entity';
import { SupportRequestException } from './support-request.exception';
import type { SupportRequestStatus } from './support-request-status';
import {
  SUPPORT_STEPS,
  SupportStep,
  SupportStepName,
  supportStepAllowed,
} from './support-request-steps';

/*
 * The status and history writes of StaffSupportRequestsService's steps, run inside the step's
 * transaction (the request row is already locked).
 */

/** 409 unless SUPPORT_STEPS allows the step for the request's type and status. */
export function guardStep(request: SupportRequest, step: SupportStepName): void {
  if (supportStepAllowed(step, request)) return;
  if ((SUPPORT_STEPS[step] as SupportStep).issuesDocuments && request.documentsIssuedAt) {
    throw SupportRequestException.documentsAlreadyIssued(
      request.documentsIssuedBy ?? '',
      request.documentsIssuedAt,
    );
  }
  const { action } = SUPPORT_STEPS[step];
  const wrongType = !supportStepAllowed(step, { ...request, status: SUPPORT_STEPS[step].from[0] });
  throw SupportRequestException.illegalTransition(
    request.status,
    wrongType ? `${action} (it is a ${request.type.replace(/_/g, ' ')} request)` : action,
  );
}

/**
 * Records that the request's new fapiao are being issued, by this staff member now, in the
 * step's transaction: a guarded UPDATE that only an unissued request passes, so even a writer
 * that did not lock the row cannot issue a second set.
 */
export async function claimDocumentsStep(
  manager: EntityManager,
  clock: Clock,
  request: SupportRequest,
  staff: StaffActor,
): Promise<void> {
  const at = clock.now();
  const claimed = await manager
    .createQueryBuilder()
    .update(SupportRequest)
    .set({ documentsIssuedAt: at, documentsIssuedBy: staff.staffEmail })
    .where('id = :id AND documents_issued_at IS NULL', { id: request.id })
    .returning(['id'])
    .execute();
  if (claimed.affected !== 1) {
    const current = await manager.findOneByOrFail(SupportRequest, { id: request.id });
    throw SupportRequestException.documentsAlreadyIssued(
      current.documentsIssuedBy ?? '',
      current.documentsIssuedAt ?? at,
    );
  }
  request.documentsIssuedAt = at;
  request.documentsIssuedBy = staff.staffEmail;
}

/** Guarded status change (`WHERE status = <read> AND version = <read>`) and a history entry. */
export async function moveRequest(
  manager: EntityManager,
  clock: Clock,
  request: SupportRequest,
  step: SupportStepName,
  to: SupportRequestStatus,
  staff: StaffActor,
  message: string | undefined,
  changes: Partial<Pick<SupportRequest, 'returnedAt' | 'resolution'>> = {},
): Promise<void> {
  guardStep(request, step);
  const { action } = SUPPORT_STEPS[step];
  const now = clock.now();
  const result = await manager
    .createQueryBuilder()
    .update(SupportRequest)
    .set({ ...changes, status: to, version: () => 'version + 1', updatedAt: now })
    .where('id = :id AND status = :status AND version = :version', {
      id: request.id,
      status: request.status,
      version: request.version,
    })
    .execute();
  if (!result.affected) throw SupportRequestException.illegalTransition(request.status, action);
  const previous = request.status;
  Object.assign(request, changes, { status: to, version: request.version + 1 });
  await record(manager, clock, request, previous, to, staff, message?.trim() || null, 'status');
}

/** A history entry the customer reads, without a status change. */
export async function recordReply(
  manager: EntityManager,
  clock: Clock,
  request: SupportRequest,
  staff: StaffActor,
  message: string,
): Promise<void> {
  await record(manager, clock, request, request.status, request.status, staff, message, 'reply');
}

/** Locks the application the request names (409 when it names none). */
export async function lockApplication(
  manager: EntityManager,
  request: SupportRequest,
): Promise<FapiaoApplication> {
  if (!request.applicationId) {
    throw SupportRequestException.applicationNotEligible(
      'The request names no fapiao application.',
      'none',
    );
  }
  const app = await manager.findOne(FapiaoApplication, {
    where: { id: request.applicationId },
    lock: { mode: 'pessimistic_write' },
  });
  if (!app) throw FapiaoException.notFound(request.applicationId);
  app.amountFen = Number(app.amountFen);
  return app;
}

async function record(
  manager: EntityManager,
  clock: Clock,
  request: SupportRequest,
  from: SupportRequestStatus,
  to: SupportRequestStatus,
  staff: StaffActor,
  message: string | null,
  kind: 'status' | 'reply',
): Promise<void> {
  await manager.insert(SupportRequestHistory, {
    requestId: request.id,
    fromStatus: from,
    toStatus: to,
    kind,
    actorType: 'staff',
    actorId: staff.staffId,
    actorEmail: staff.staffEmail,
    message,
    at: clock.now(),
  });
}
