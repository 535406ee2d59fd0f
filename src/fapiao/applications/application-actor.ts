import type { HistoryActorType } from './entities/application-history.entity';

/** A back-office user acting on an application (recorded in its history). */
export interface StaffActor {
  staffId: string;
  staffEmail: string;
}

/** Who caused a change, as the history records it. */
export interface ApplicationActor {
  type: HistoryActorType;
  id: string | null;
  email: string | null;
}

export function customerActor(accountId: string): ApplicationActor {
  return { type: 'customer', id: accountId, email: null };
}

export function staffActor(staff: StaffActor): ApplicationActor {
  return { type: 'staff', id: staff.staffId, email: staff.staffEmail };
}

/** Scheduled jobs (e.g. out-of-use periods). */
export const SYSTEM_ACTOR: ApplicationActor = { type: 'system', id: null, email: null };
