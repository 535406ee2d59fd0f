/**
 * `pending` until the activation link is used; `expired` when the link ran out and the
 * registration was released (its email may register again); `disabled` by the back office.
 */
export enum AccountStatus {
  PENDING = 'pending',
  ACTIVE = 'active',
  DISABLED = 'disabled',
  EXPIRED = 'expired',
}
