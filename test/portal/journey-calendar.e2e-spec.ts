import { APPLICATIONS, authed, payingCustomer, submitted } from '../fapiao/fapiao-fixtures';
import { createTestApp, TestApp } from '../support/test-app';
import { portalAgent, signInThroughForm, textOf } from './portal-kit';

/**
 * Next to a waiting application's due date the page names the holidays before it, and says when
 * the date was counted on a year whose arrangement is still provisional.
 */
describe('Portal: holidays near the due date', () => {
  let t: TestApp;

  beforeAll(async () => {
    // Thursday 31 December 2026, with 2027 provisional: due on Tuesday 5 January.
    t = await createTestApp({ clockAt: '2026-12-31T10:00:00+08:00' });
  });
  afterAll(() => t.close());

  it.each([
    ['zh-CN', '1月1日至1月3日（元旦）暂停处理。', '暂定'],
    ['en', 'Processing pauses 1–3 January (元旦).', 'Provisional'],
  ])('shows the New Year pause and the provisional date (%s)', async (locale, pause, note) => {
    const customer = await payingCustomer(t, { locale: locale === 'en' ? 'en' : 'zh-CN' });
    const id = await submitted(t, customer);
    const agent = portalAgent(t, locale);
    await signInThroughForm(agent, customer.email, customer.password);

    const page = await agent.get(`/applications/${id}`);
    expect(page.status).toBe(200);
    const text = textOf(page.text);
    expect(text).toContain('2027-01-05');
    expect(text).toContain(pause);
    expect(text).toContain(note);
  });

  it('names no pause once the application is no longer waiting', async () => {
    const customer = await payingCustomer(t);
    const id = await submitted(t, customer);
    const agent = portalAgent(t, 'zh-CN');
    await signInThroughForm(agent, customer.email, customer.password);
    const cancelled = await authed(t, customer.token).post(`${APPLICATIONS}/${id}/cancel`);
    expect(cancelled.status).toBe(200);
    const text = textOf((await agent.get(`/applications/${id}`)).text);
    expect(text).not.toContain('暂停处理');
  });
});
