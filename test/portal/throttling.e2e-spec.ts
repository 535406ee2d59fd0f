import { uniqueEmail } from '../support/customers';
import { createTestApp, TestApp } from '../support/test-app';
import { portalAgent, submitForm } from './portal-kit';

describe('Portal forms share the API limits', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it("a reset-link request through the form counts against the API route's per-IP limit", async () => {
    // The API's limit for mail-sending routes is 10 per 15 minutes per address: 9 through the
    // API and 1 through the form use it up, whichever comes next is refused.
    for (let i = 0; i < 9; i++) {
      const res = await t
        .http()
        .post('/api/v1/auth/forgot-password')
        .send({ email: uniqueEmail() });
      expect(res.status).toBe(202);
    }
    const agent = portalAgent(t, 'en');
    const tenth = await submitForm(agent, '/forgot-password', '/forgot-password', {
      email: uniqueEmail(),
    });
    expect(tenth.status).toBe(303);
    expect(
      (await t.http().post('/api/v1/auth/forgot-password').send({ email: uniqueEmail() })).status,
    ).toBe(429);

    const refused = await submitForm(agent, '/forgot-password', '/forgot-password', {
      email: uniqueEmail(),
    });
    expect(refused.status).toBe(429);
    expect(refused.headers['content-type']).toMatch(/^text\/html/);
    expect(refused.text).toContain('Too many requests');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  });
});
