import { authed, PayingCustomer, STAFF, staff, submitted } from '../fapiao/fapiao-fixtures';
import type { TestApp } from '../support/test-app';
import type { Agent } from './admin-test-kit';

export type Response = Awaited<ReturnType<Agent['get']>>;

export const REQUESTS = '/api/v1/support-requests';
export const SUPPORT_API = '/admin/api/resources/support_requests';
export const APPLICATIONS_API = '/admin/api/resources/applications';

/** How the back office refuses an action whose isAccessible is false: 403 with AdminJS's ForbiddenError body. */
export function isRefused(res: Response): boolean {
  return (
    res.status === 403 &&
    res.body?.record?.baseError?.type === 'ForbiddenError' &&
    res.body?.notice?.message === 'forbiddenError'
  );
}

/** POSTs a back-office action form on one support request. */
export const supportAction = (
  agent: Agent,
  id: string,
  action: string,
  form: Record<string, string> = {},
) => agent.post(`${SUPPORT_API}/records/${id}/${action}`).type('form').send(form);

/** The customer opens a support request through the REST API; returns its id. */
export async function openRequest(
  t: TestApp,
  customer: PayingCustomer,
  body: Record<string, unknown>,
): Promise<string> {
  const res = await authed(t, customer.token).post(REQUESTS, {
    orderNumber: customer.orderNumber,
    ...body,
  });
  if (res.status !== 201) throw new Error(`support request: ${res.status} ${res.text}`);
  return (res.body as { id: string }).id;
}

/** An application issued as one fapiao `number` and mailed out (set up through the service). */
export async function issuedAndMailed(
  t: TestApp,
  customer: PayingCustomer,
  number: string,
  issueDate: string,
): Promise<string> {
  const id = await submitted(t, customer);
  await staff(t).startProcessing(id, STAFF);
  await staff(t).issue(id, STAFF, [
    { number, issueDate, amountFen: customer.amountFen, taxAmountFen: 725 },
  ]);
  await staff(t).markMailedOut(id, STAFF, { carrier: 'SF Express', trackingNumber: `SF${number}` });
  return id;
}

export interface RequestState {
  status: string;
  version: number;
  returned_at: string | null;
  history: number;
  documents: number;
  mails: number;
}

/** Everything a support step can change: the request, its history, documents and mails. */
export async function requestState(t: TestApp, id: string): Promise<RequestState> {
  const [row]: RequestState[] = await t.dataSource.query(
    `SELECT r.status, r.version, to_char(r.returned_at, 'YYYY-MM-DD') AS returned_at,
            (SELECT count(*)::int FROM support_request_history h WHERE h.request_id = r.id) AS history,
            (SELECT count(*)::int FROM fapiao_documents d WHERE d.application_id = r.application_id)
              AS documents,
            (SELECT count(*)::int FROM mail_outbox m WHERE m.recipient = r.contact_email) AS mails
       FROM support_requests r WHERE r.id = $1`,
    [id],
  );
  return row;
}
