import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTestApp, TestApp } from '../support/test-app';
import { csrfTokenOf } from './portal-kit';

/** GET with a cookie; resolves on the response's headers, as a browser following a redirect does. */
function headersOf(port: number, path: string, cookie: string) {
  return new Promise<{ status: number; location?: string; setCookie?: string[] }>(
    (resolve, reject) => {
      const req = httpRequest(
        { port, path, headers: { Cookie: cookie, Accept: 'text/html' } },
        (res) => {
          resolve({
            status: res.statusCode!,
            location: res.headers.location,
            setCookie: res.headers['set-cookie'],
          });
          res.resume();
        },
      );
      req.on('error', reject);
      req.end();
    },
  );
}

function body(port: number, path: string, cookie: string) {
  return new Promise<string>((resolve, reject) => {
    const req = httpRequest(
      { port, path, headers: { Cookie: cookie, Accept: 'text/html' } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve(text));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('Portal redirects after a session change', () => {
  let t: TestApp;
  let port: number;

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(() => t.close());

  it('answer only once the session holds the change (a browser follows on the headers)', async () => {
    for (let attempt = 0; attempt < 20; attempt++) {
      // A session of its own (the login form gives it a CSRF token, hence a cookie).
      const login = await t.http().get('/login').set('Accept', 'text/html');
      const cookie = /(fapiao\.portal\.sid=[^;]+)/.exec(String(login.headers['set-cookie']))![1];
      expect(csrfTokenOf(login.text)).toBeTruthy();
      const opened = await headersOf(
        port,
        `/reset-password?token=${'T'.repeat(43)}${attempt}`,
        cookie,
      );
      expect(opened.status).toBe(303);
      // Straight away, as a browser would: the page must already see the link's token.
      const page = await body(port, opened.location!, cookie);
      expect({ attempt, form: page.includes('name="newPassword"') }).toEqual({
        attempt,
        form: true,
      });
    }
  });
});
