import type { SupportRequestStatus, SupportRequestType } from './support-request-status';

export interface SupportStep {
  /** The request statuses the step starts from. */
  from: readonly SupportRequestStatus[];
  /** The request types it applies to; absent: every type. */
  types?: readonly SupportRequestType[];
  /** Completes "The support request is <status>: it cannot …" in the 409 message. */
  action: string;
  /** Issues the request's new fapiao: once, never again after `documentsIssuedAt` is set. */
  issuesDocuments?: true;
  /** Leads up to issuing the new fapiao, so it has no place once they are issued. */
  beforeDocuments?: true;
}

/**
 * Where each of support's steps may start (StaffSupportRequestsService refuses the rest with a
 * 409; the back office offers a step only where it is allowed). The one source of these rules.
 *
 * ```
 * open → in_progress ⇄ awaiting_return (retitle / split of a delivered paper fapiao)
 *   └──────┴──────────────┴─> resolved (not from awaiting_return) | rejected
 * ```
 * Document steps (issue retitle / split, re-mail) happen while the request is in progress.
 */
export const SUPPORT_STEPS = {
  reply: { from: ['open', 'in_progress', 'awaiting_return'], action: 'take replies' },
  startProgress: { from: ['open'], action: 'start' },
  markAwaitingReturn: {
    from: ['in_progress'],
    types: ['retitle', 'split'],
    action: 'wait for a returned fapiao',
    beforeDocuments: true,
  },
  markReturned: { from: ['awaiting_return'], action: 'be marked returned' },
  issueRetitle: {
    from: ['in_progress'],
    types: ['retitle'],
    action: 'issue the new fapiao',
    issuesDocuments: true,
  },
  issueSplit: {
    from: ['in_progress'],
    types: ['split'],
    action: 'issue the split fapiao',
    issuesDocuments: true,
  },
  reMail: { from: ['in_progress'], types: ['not_received'], action: 'mail the fapiao again' },
  resolve: { from: ['open', 'in_progress'], action: 'be resolved' },
  reject: { from: ['open', 'in_progress', 'awaiting_return'], action: 'be rejected' },
} as const satisfies Record<string, SupportStep>;

export type SupportStepName = keyof typeof SUPPORT_STEPS;

/** Whether the step applies to a request of this type in this status (and not yet done). */
export function supportStepAllowed(
  name: SupportStepName,
  request: {
    status: SupportRequestStatus;
    type: SupportRequestType;
    documentsIssuedAt?: Date | string | null;
  },
): boolean {
  const step: SupportStep = SUPPORT_STEPS[name];
  if ((step.issuesDocuments || step.beforeDocuments) && request.documentsIssuedAt) return false;
  return step.from.includes(request.status) && (!step.types || step.types.includes(request.type));
}
