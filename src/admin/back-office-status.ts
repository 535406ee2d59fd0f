/** `starting` until AdminJS is loaded and its router built (in the background, after start-up). */
export type BackOfficeState = 'starting' | 'ready' | 'failed';

/** Where the back office is in its background load; /health shows it as a detail. */
export class BackOfficeStatus {
  state: BackOfficeState = 'starting';
}
