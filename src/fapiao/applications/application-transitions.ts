import type { ApplicationStatus } from './application-status';

export interface TransitionEdge {
  from: readonly ApplicationStatus[];
  to: ApplicationStatus;
  /** Completes "The application is <status>: it cannot …" in the 409 message. */
  action: string;
}

/**
 * The state diagram of DESIGN.md, one entry per edge (an edge with two sources lists both).
 * ApplicationStateMachine has one method per entry; nothing else changes `status`.
 *
 * ```
 * draft ──confirm──> submitted ──> processing ──issue──> issued ──> mailed_out
 *   │                  │  │            │                     └────> ready_for_pickup ──> picked_up
 *   └─cancel           │  └─cancel     ├──> on_hold (out of use, expected issue date) ──> processing
 *                      └───────────────┴──> rejected (reason)
 * ```
 * Out-of-use periods also catch applications that are still `submitted` (submitted → on_hold).
 */
export const TRANSITIONS = {
  confirm: { from: ['draft'], to: 'submitted', action: 'be confirmed (only a draft can)' },
  cancel: {
    from: ['draft', 'submitted'],
    to: 'cancelled',
    action: 'be cancelled (only before processing starts)',
  },
  startProcessing: { from: ['submitted'], to: 'processing', action: 'start processing' },
  putOnHold: { from: ['submitted', 'processing'], to: 'on_hold', action: 'be put on hold' },
  release: { from: ['on_hold'], to: 'processing', action: 'be released from hold' },
  issue: { from: ['processing'], to: 'issued', action: 'be issued (only while processing)' },
  markMailedOut: { from: ['issued'], to: 'mailed_out', action: 'be marked mailed out' },
  markReadyForPickup: {
    from: ['issued'],
    to: 'ready_for_pickup',
    action: 'be marked ready for pick-up',
  },
  markPickedUp: { from: ['ready_for_pickup'], to: 'picked_up', action: 'be marked picked up' },
  reject: { from: ['submitted', 'processing'], to: 'rejected', action: 'be rejected' },
  /**
   * Support requests (retitle, split after issue): the issued documents were reversed by red-letter
   * documents and new blue ones issued; the new fapiao go out again like any issued one.
   */
  reissue: {
    from: ['issued', 'mailed_out', 'ready_for_pickup', 'picked_up'],
    to: 'issued',
    action: 'be reissued (only once its fapiao has been issued)',
  },
  /** A mistyped carrier or tracking number corrected by the service centre (no new parcel). */
  correctParcel: {
    from: ['mailed_out'],
    to: 'mailed_out',
    action: 'have its tracking number corrected (only once mailed out)',
  },
  /** Support request "not received": the same documents mailed again, new tracking number. */
  remail: {
    from: ['mailed_out'],
    to: 'mailed_out',
    action: 'be mailed again (only once mailed out)',
  },
} as const satisfies Record<string, TransitionEdge>;

export type TransitionName = keyof typeof TRANSITIONS;

export function allowsFrom(name: TransitionName, status: ApplicationStatus): boolean {
  return (TRANSITIONS[name].from as readonly ApplicationStatus[]).includes(status);
}
