import request from 'supertest';
import { StaffRole } from '../../src/auth/staff/staff-role';
import { payingCustomer, submitted } from '../fapiao/fapiao-fixtures';
import { createTestApp, TestApp } from '../support/test-app';
import { Agent, createStaff, signIn, STAFF_PASSWORD } from './admin-test-kit';

const api = (resource: string) => `/admin/api/resources/${resource}`;
const EVIL = 'https://evil.example';

interface ResourceState {
  id: string;
  actions: { name: string; actionType: 'resource' | 'record' | 'bulk' }[];
}

/** Every table a back-office action can change, as text: equal before and after means untouched. */
async function snapshot(t: TestApp): Promise<Record<string, string>> {
  const tables = [
    'fapiao_applications',
    'fapiao_documents',
    'application_history',
    'support_requests',
    'support_request_history',
    'customer_accounts',
    'staff_users',
    'mail_outbox',
    'out_of_use_periods',
    'calendar_years',
    'calendar_days',
    'audit_log',
    'orders',
  ];
  const state: Record<string, string> = {};
  for (const table of tables) {
    const [row] = await t.dataSource.query<{ rows: string | null }[]>(
      `SELECT string_agg(x::text, E'\\n' ORDER BY x::text) AS rows FROM ${table} x`,
    );
    state[table] = row.rows ?? '';
  }
  return state;
}

describe('back office: cross-site writes refused, Content-Security-Policy, fonts from the app', () => {
  let t: TestApp;
  let admin: Agent;
  let applicationId: string;
  let staffId: string;

  beforeAll(async () => {
    t = await createTestApp({ env: { ADMIN_ENABLED: 'true' } });
    const adminStaff = await createStaff(t, StaffRole.ADMIN);
    staffId = (await createStaff(t, StaffRole.SUPPORT)).id;
    admin = await signIn(t, adminStaff.email);
    applicationId = await submitted(t, await payingCustomer(t));
  }, 120_000);
  afterAll(() => t?.close());

  it('runs no action posted from another origin, or with no origin at all', async () => {
    const page = await admin.get('/admin');
    const state = JSON.parse(/window\.REDUX_STATE = (.*);\n/.exec(page.text)![1]) as {
      resources: ResourceState[];
    };
    const recordIds: Record<string, string> = { applications: applicationId, staff_users: staffId };
    const before = await snapshot(t);
    const failures: string[] = [];
    let probes = 0;
    for (const resource of state.resources) {
      for (const action of resource.actions) {
        const recordId = recordIds[resource.id] ?? '00000000-0000-0000-0000-000000000000';
        const path =
          action.actionType === 'resource'
            ? `${api(resource.id)}/actions/${action.name}`
            : action.actionType === 'record'
              ? `${api(resource.id)}/records/${recordId}/${action.name}`
              : `${api(resource.id)}/bulk/${action.name}?recordIds=${recordId}`;
        const forged = [
          admin.post(path).set('Origin', EVIL),
          admin.post(path).set('Origin', 'null'),
          admin.post(path).set('Origin', '').set('Sec-Fetch-Site', 'cross-site'),
          admin.post(path).unset('Origin').set('Sec-Fetch-Site', 'same-site'),
          admin.post(path).unset('Origin'),
        ];
        for (const attempt of forged) {
          const res = await attempt
            .type('form')
            .send({ password: 'forged password 123', role: 'admin', email: 'x@evil.example' });
          probes += 1;
          if (res.status !== 403 || res.body.code !== 'FORBIDDEN') {
            failures.push(`${resource.id} ${action.name}: ${res.status}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(probes).toBeGreaterThan(100);
    expect(await snapshot(t)).toEqual(before);
  });

  it('refuses a sign-in posted from another site, and says why in the staff language', async () => {
    const forged = await request(t.app.getHttpServer())
      .post('/admin/login')
      .set('Origin', EVIL)
      .set('Accept-Language', 'en')
      .type('form')
      .send({ email: 'x@example.com', password: STAFF_PASSWORD });
    expect(forged.status).toBe(403);
    expect(forged.body.detail).toMatch(/another site was refused/);
    const zh = await request(t.app.getHttpServer())
      .post('/admin/login')
      .set('Sec-Fetch-Site', 'cross-site')
      .type('form')
      .send({});
    expect(zh.status).toBe(403);
    expect(zh.body.detail).toMatch(/其他网站/);
  });

  it('accepts the same writes from its own origin (public URL, or the host asked)', async () => {
    const ownHost = await admin
      .post(`${api('applications')}/records/${applicationId}/addRemark`)
      .set('Origin', 'http://127.0.0.1:9')
      .set('Host', '127.0.0.1:9')
      .type('form')
      .send({ remark: 'called the customer' });
    expect(ownHost.status).toBe(200);
    const sameOrigin = await admin
      .post(`${api('applications')}/records/${applicationId}/addRemark`)
      .unset('Origin')
      .set('Sec-Fetch-Site', 'same-origin')
      .type('form')
      .send({ remark: 'called again' });
    expect(sameOrigin.status).toBe(200);
  });

  it('sends a strict Content-Security-Policy with a nonce on every script of its pages', async () => {
    for (const path of ['/admin', '/admin/login', '/admin/resources/applications']) {
      const res = path === '/admin/login' ? await t.http().get(path) : await admin.get(path);
      expect(res.status).toBe(200);
      const csp = res.headers['content-security-policy'];
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toMatch(/https?:|\*/);
      const nonce = /'nonce-([^']+)'/.exec(csp)![1];
      expect(csp).toMatch(/script-src 'self' 'nonce-[^']+';/);
      const scripts = res.text.match(/<script[^>]*>/g)!;
      expect(scripts.length).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
      // Nothing loaded from elsewhere (a URL in a CSS comment is not a request).
      expect(
        /googleapis|gstatic|(src|href)=["']?(https?:)?\/\//i.exec(res.text)?.[0],
      ).toBeUndefined();
    }
    const again = await admin.get('/admin');
    expect(again.headers['content-security-policy']).not.toBe(
      (await admin.get('/admin')).headers['content-security-policy'],
    );
  });

  it('serves Roboto itself, to signed-out pages too', async () => {
    const page = await t.http().get('/admin/login');
    const sheets = [...page.text.matchAll(/href="(\/admin\/fonts\/[^"]+\.css)"/g)].map((m) => m[1]);
    expect(sheets).toHaveLength(4);
    for (const sheet of sheets) {
      const css = await t.http().get(sheet);
      expect(css.status).toBe(200);
      expect(css.headers['content-type']).toMatch(/text\/css/);
      const file = /url\(\.\/files\/([^)]+\.woff2)\)/.exec(css.text)![1];
      const font = await t.http().get(`/admin/fonts/roboto/files/${file}`);
      expect(font.status).toBe(200);
      expect(Number(font.headers['content-length'])).toBeGreaterThan(1000);
    }
  });
});
