import type { NextFunction, Request, Response } from 'express';

/** Where a back-office request came from, for its audit entry. */
export interface BackOfficeClient {
  ip: string | null;
  userAgent: string | null;
}

/** Own property of the request: @adminjs/express copies the request's own fields into AdminJS's. */
const CLIENT = 'backOfficeClient';

/** Notes the client's address (as Express derives it behind the trusted proxies) and browser. */
export function rememberClient(req: Request, _res: Response, next: NextFunction): void {
  const client: BackOfficeClient = {
    ip: req.ip ?? null,
    userAgent: req.get('user-agent')?.slice(0, 512) ?? null,
  };
  (req as unknown as Record<string, unknown>)[CLIENT] = client;
  next();
}

/** The client noted by rememberClient, from AdminJS's copy of the request. */
export function clientOf(request: unknown): BackOfficeClient {
  const client = (request as Record<string, unknown> | undefined)?.[CLIENT] as
    BackOfficeClient | undefined;
  return client ?? { ip: null, userAgent: null };
}
