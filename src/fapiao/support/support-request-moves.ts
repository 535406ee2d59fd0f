import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../../common/time/clock';
import type { StaffActor } from '../applications/application-actor';
import { ApplicationsRepository } from '../applications/applications.repository';
import type { FapiaoApplication } from '../applications/entities/fapiao-application.entity';
import { FapiaoException } from '../fapiao.exception';
import type { SupportRequest } from './entities/support-request.entity';
import { SupportRequestException } from './support-request.exception';
import type { SupportRequestStatus } from './support-request-status';
import {
  SUPPORT_STEPS,
  SupportStep,
  SupportStepName,
  supportStepAllowed,
} from './support-request-steps';
import { SupportRequestsRepository } from './support-requests.repository';

/** Refuses a step the request's status (or type) does not allow, saying which and why. */
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

/** The staff steps' writes on a request, inside the step's transaction. */
@Injectable()
export class SupportRequestMoves {
  constructor(
    private readonly clock: Clock,
    private readonly requests: SupportRequestsRepository,
    private readonly applications: ApplicationsRepository,
  ) {}

  /** Documents are issued once per request: two racing staff steps cannot both issue. */
  async claimDocuments(
    manager: EntityManager,
    request: SupportRequest,
    staff: StaffActor,
  ): Promise<void> {
    const at = this.clock.now();
    if (!(await this.requests.claimDocuments(manager, request.id, at, staff.staffEmail))) {
      const current = await this.requests.findById(manager, request.id);
      throw SupportRequestException.documentsAlreadyIssued(
        current?.documentsIssuedBy ?? '',
        current?.documentsIssuedAt ?? at,
      );
    }
    request.documentsIssuedAt = at;
    request.documentsIssuedBy = staff.staffEmail;
  }

  /** A step's status change, guarded by the status and version read, and its history entry. */
  async move(
    manager: EntityManager,
    request: SupportRequest,
    step: SupportStepName,
    to: SupportRequestStatus,
    staff: StaffActor,
    message: string | undefined,
    changes: Partial<Pick<SupportRequest, 'returnedAt' | 'resolution'>> = {},
  ): Promise<void> {
    guardStep(request, step);
    const moved = await this.requests.recordTransition(
      manager,
      request,
      to,
      changes,
      this.clock.now(),
    );
    if (!moved)
      throw SupportRequestException.illegalTransition(request.status, SUPPORT_STEPS[step].action);
    const previous = request.status;
    Object.assign(request, changes, { status: to, version: request.version + 1 });
    await this.record(manager, request, previous, to, staff, message?.trim() || null, 'status');
  }

  /** A reply the customer reads (no status change). */
  recordReply(
    manager: EntityManager,
    request: SupportRequest,
    staff: StaffActor,
    message: string,
  ): Promise<void> {
    return this.record(manager, request, request.status, request.status, staff, message, 'reply');
  }

  /** The request's application, locked for the step's document and status writes. */
  async lockApplication(
    manager: EntityManager,
    request: SupportRequest,
  ): Promise<FapiaoApplication> {
    if (!request.applicationId) {
      throw SupportRequestException.applicationNotEligible(
        'The request names no fapiao application.',
        'none',
      );
    }
    const app = await this.applications.findForUpdate(manager, request.applicationId);
    if (!app) throw FapiaoException.notFound(request.applicationId);
    app.amountFen = Number(app.amountFen);
    return app;
  }

  private record(
    manager: EntityManager,
    request: SupportRequest,
    from: SupportRequestStatus,
    to: SupportRequestStatus,
    staff: StaffActor,
    message: string | null,
    kind: 'status' | 'reply',
  ): Promise<void> {
    return this.requests.addHistoryEntry(manager, {
      requestId: request.id,
      fromStatus: from,
      toStatus: to,
      kind,
      actorType: 'staff',
      actorId: staff.staffId,
      actorEmail: staff.staffEmail,
      message,
      at: this.clock.now(),
    });
  }
}
