import { StaffAuthService } from '../../src/auth/staff/staff-auth.service';
import { StaffTwoFactorService } from '../../src/auth/staff/staff-two-factor.service';
import { totpCode } from '../../src/auth/staff/totp';
import {
  DEMO_CUSTOMER_PASSWORD,
  DEMO_CUSTOMERS,
  DEMO_STAFF,
  DEMO_STAFF_PASSWORD,
} from '../../src/demo/demo-catalogue';
import { DemoDataService, describeDemoLogins } from '../../src/demo/demo-data.service';
import { login } from '../support/customers';
import { createTestApp, TestApp } from '../support/test-app';

describe('demo data', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const count = async (table: string): Promise<number> =>
    Number((await t.dataSource.query(`SELECT count(*) AS n FROM ${table}`))[0].n);

  it('is not loaded when DEMO_DATA is off or the database is not the embedded one', async () => {
    expect(await count('orders')).toBe(0);
  });

  it('loads customers, orders in each state and logins, once, however often it runs', async () => {
    const expectedOrders = DEMO_CUSTOMERS.flatMap((c) => c.orders);
    const first = await t.get(DemoDataService).load();
    expect(first.ordersCreated).toBe(expectedOrders.length);
    expect(first.paymentsCreated).toBe(
      expectedOrders.filter((o) => o.state !== 'paid_not_synced').length,
    );
    expect(first.applicationsSubmitted).toBe(
      expectedOrders.filter((o) => o.state === 'applied' || o.state === 'issued').length,
    );
    expect(first.applicationsIssued).toBe(
      expectedOrders.filter((o) => o.state === 'issued').length,
    );

    t.clock.advance(3 * 24 * 60 * 60 * 1000); // a later day: relative dates differ, still nothing new
    const second = await t.get(DemoDataService).load();
    expect(second).toMatchObject({
      ordersCreated: 0,
      paymentsCreated: 0,
      applicationsSubmitted: 0,
      applicationsIssued: 0,
    });
    t.clock.reset();
    expect(await count('orders')).toBe(expectedOrders.length);
    expect(await count('customers')).toBe(DEMO_CUSTOMERS.length);

    const printed = describeDemoLogins(second, 'http://localhost:3000');
    for (const member of DEMO_STAFF)
      expect(printed).toContain(
        `${member.email} / ${DEMO_STAFF_PASSWORD} / TOTP key ${member.totpSecret}`,
      );
    expect(printed).toContain(`demo@example.com / ${DEMO_CUSTOMER_PASSWORD}`);
  });

  it('gives the demo customer a login that sees bills in every state', async () => {
    const token = await login(t, 'demo@example.com', DEMO_CUSTOMER_PASSWORD);
    const res = await t
      .http()
      .get('/api/v1/billing-records')
      .set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
    const demo = DEMO_CUSTOMERS.find((c) => c.login === 'demo@example.com')!;
    expect(res.body.total).toBe(demo.orders.length);
    // Every state: applicable, not yet synced, and already applied for.
    const states = new Set(
      res.body.items.map(
        (r: { paymentSynced: boolean; applicable: boolean; fapiaoStatus: string | null }) =>
          `${r.paymentSynced}/${r.applicable}/${r.fapiaoStatus}`,
      ),
    );
    expect(states).toEqual(
      new Set(['true/true/null', 'false/false/null', 'true/false/submitted', 'true/false/issued']),
    );
  });

  it('gives the demo customer digital applications, one issued with a PDF it can download', async () => {
    const token = await login(t, 'demo@example.com', DEMO_CUSTOMER_PASSWORD);
    const auth = { Authorization: `Bearer ${token}` };
    const list = await t.http().get('/api/v1/fapiao/applications').set(auth);
    expect(list.status).toBe(200);
    const items: {
      id: string;
      orderNumber: string;
      status: string;
      shipping: { method: string };
    }[] = list.body.items;
    const digital = items.filter((a) => a.shipping.method === 'email');
    expect(digital.map((a) => [a.orderNumber, a.status]).sort()).toEqual([
      ['DEMO-2026-0005', 'submitted'],
      ['DEMO-2026-0006', 'issued'],
    ]);
    const issued = digital.find((a) => a.status === 'issued')!;
    const files = await t
      .http()
      .get(`/api/v1/fapiao/applications/${issued.id}/documents/files`)
      .set(auth);
    expect(files.status).toBe(200);
    expect(files.body).toHaveLength(1);
    const [document] = files.body;
    expect(document.number).toMatch(/^\d{20}$/);
    expect(document.files.map((f: { kind: string }) => f.kind)).toEqual(['pdf']);
    const pdf = await t
      .http()
      .get(`/api/v1/fapiao/applications/${issued.id}/documents/${document.documentId}/files/pdf`)
      .set(auth)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toMatch(/^application\/pdf/);
    expect((pdf.body as Buffer).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('gives each staff role a back-office login', async () => {
    for (const member of DEMO_STAFF) {
      const staff = await t.get(StaffAuthService).authenticate(member.email, DEMO_STAFF_PASSWORD);
      expect(staff).toMatchObject({ email: member.email, role: member.role });
      // Enrolled in two-factor sign-in with the printed key: its current code is accepted.
      const twoFactor = t.get(StaffTwoFactorService);
      expect(await twoFactor.isEnrolled(staff!.id)).toBe(true);
      const now = Math.floor(t.clock.now().getTime() / 1000);
      expect(await twoFactor.verify(staff!.id, totpCode(member.totpSecret, now))).toBe('totp');
    }
  });
});
