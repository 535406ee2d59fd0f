import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import type { TestApp } from '../support/test-app';

export type PortalAgent = TestAgent;

/** A browser-like client: keeps its cookies (the portal session) between requests. */
export function portalAgent(t: TestApp, acceptLanguage = 'zh-CN'): PortalAgent {
  return request
    .agent(t.app.getHttpServer())
    .set('Accept-Language', acceptLanguage)
    .set('Accept', 'text/html,application/xhtml+xml,*/*;q=0.8');
}

/** The CSRF token of the first form on a page. */
export function csrfTokenOf(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error(`No CSRF field on the page:\n${html.slice(0, 2000)}`);
  return match[1];
}

/** Opens `page`, then posts `fields` with that page's CSRF token (as a browser submits a form). */
export async function submitForm(
  agent: PortalAgent,
  page: string,
  action: string,
  fields: Record<string, string>,
): Promise<request.Response> {
  const form = await agent.get(page);
  if (form.status !== 200)
    throw new Error(`GET ${page}: ${form.status}\n${form.text.slice(0, 500)}`);
  return agent
    .post(action)
    .type('form')
    .send({ ...fields, _csrf: csrfTokenOf(form.text) });
}

/** Signs the agent in through the sign-in form; fails loudly unless the portal redirects. */
export async function signInThroughForm(
  agent: PortalAgent,
  email: string,
  password: string,
  next?: string,
): Promise<request.Response> {
  const res = await submitForm(agent, '/login', '/login', {
    email,
    password,
    ...(next ? { next } : {}),
  });
  if (res.status !== 303)
    throw new Error(`sign-in: expected 303, got ${res.status}\n${res.text.slice(0, 1500)}`);
  return res;
}

/** The text of an element's first match, tags stripped (enough for assertions on pages). */
export function textOf(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, ' ');
}
