/** Statuses of a fapiao application (DESIGN.md, "Application states"). Part of the REST contract. */
export const APPLICATION_STATUSES = [
  'draft',
  'submitted',
  'processing',
  'on_hold',
  'issued',
  'mailed_out',
  'ready_for_pickup',
  'picked_up',
  'cancelled',
  'rejected',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/**
 * Statuses that do not hold the bill: a new application for the same bill may be submitted
 * while every other application of it is in one of these. Mirrors the partial unique index
 * `uq_fapiao_applications_order_id_holding` and the orders module's
 * NON_HOLDING_APPLICATION_STATUSES.
 */
export const NON_HOLDING_STATUSES: readonly ApplicationStatus[] = [
  'draft',
  'cancelled',
  'rejected',
];

export const SQL_STATUS_LIST = (statuses: readonly ApplicationStatus[]) =>
  statuses.map((s) => `'${s}'`).join(', ');
