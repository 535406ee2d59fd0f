import { createTestApp, TestApp } from '../support/test-app';
import { payingCustomer, PAYER, specialTitle } from '../fapiao/fapiao-fixtures';
import { portalAgent, PortalAgent, signInThroughForm, submitForm, textOf } from './portal-kit';

describe('Portal: saved fapiao titles and the apply page picker', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  async function signedIn(email: string, password: string, locale = 'zh-CN') {
    const agent = portalAgent(t, locale);
    await signInThroughForm(agent, email, password);
    return agent;
  }

  async function profileCount(): Promise<number> {
    const [row]: { n: string }[] = await t.dataSource.query(
      'SELECT count(*) AS n FROM title_profiles',
    );
    return Number(row.n);
  }

  async function save(agent: PortalAgent, fields: Record<string, string>) {
    return submitForm(agent, '/title-profiles', '/title-profiles', fields);
  }

  it('adds, refuses beside the field in Chinese, makes default, edits and deletes', async () => {
    const customer = await payingCustomer(t, { locale: 'zh-CN' });
    const agent = await signedIn(customer.email, customer.password);
    const empty = textOf((await agent.get('/title-profiles')).text);
    expect(empty).toContain('发票抬头管理');
    expect(empty).toContain('您还没有保存发票抬头');

    const before = await profileCount();
    const wrong = await save(agent, {
      kind: 'company',
      buyerName: PAYER,
      taxId: '34052419800101001X',
    });
    expect(wrong.status).toBe(422);
    expect(wrong.text).toMatch(
      /id="field-taxId-error"[^>]*>这是居民身份证号码（自然人）：请将此抬头保存为个人抬头/,
    );
    expect(wrong.text).toContain(`value="${PAYER}"`);
    expect(await profileCount()).toBe(before);

    const saved = await save(agent, { kind: 'company', ...specialTitle });
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toBe('/title-profiles');
    const person = await save(agent, { kind: 'individual', buyerName: '李四' });
    expect(person.status).toBe(303);

    const list = await agent.get('/title-profiles');
    const listText = textOf(list.text);
    expect(listText).toContain('抬头已保存');
    expect(listText).toMatch(new RegExp(`${PAYER.replace(/[.]/g, '\\.')} 默认`));
    expect(listText).toContain('李四');
    const [company, individual] = [
      ...list.text.matchAll(/data-title-profile="([0-9a-f-]{36})"/g),
    ].map((m) => m[1]);

    const defaulted = await submitForm(
      agent,
      '/title-profiles',
      `/title-profiles/${individual}/default`,
      {},
    );
    expect(defaulted.status).toBe(303);
    expect(textOf((await agent.get('/title-profiles')).text)).toMatch(/李四 默认/);

    const edited = await submitForm(
      agent,
      `/title-profiles/${company}/edit`,
      `/title-profiles/${company}`,
      {
        kind: 'company',
        buyerName: '上海示例贸易有限公司（浦东）',
        taxId: '９１３５０１００ｍ０００１００ｙ４３',
      },
    );
    expect(edited.status).toBe(303);
    const rows: { buyer_name: string; tax_id: string }[] = await t.dataSource.query(
      'SELECT buyer_name, tax_id FROM title_profiles WHERE id = $1',
      [company],
    );
    expect(rows).toEqual([
      { buyer_name: '上海示例贸易有限公司（浦东）', tax_id: '91350100M000100Y43' },
    ]);

    const deleted = await submitForm(
      agent,
      '/title-profiles',
      `/title-profiles/${company}/delete`,
      {},
    );
    expect(deleted.status).toBe(303);
    expect(textOf((await agent.get('/title-profiles')).text)).not.toContain('浦东');

    // Another customer's title is not found, in a page.
    const stranger = await payingCustomer(t, { locale: 'zh-CN' });
    const other = await signedIn(stranger.email, stranger.password);
    const foreign = await other.get(`/title-profiles/${individual}/edit`);
    expect(foreign.status).toBe(404);
    expect(foreign.headers['content-type']).toMatch(/html/);
    expect((await other.get('/title-profiles/not-a-uuid/edit')).status).toBe(404);
  });

  it('prefills the apply page with the default title, picks another, and saves a typed one', async () => {
    const customer = await payingCustomer(t, { locale: 'zh-CN' });
    const agent = await signedIn(customer.email, customer.password);
    await save(agent, { kind: 'company', ...specialTitle });
    await save(agent, { kind: 'individual', buyerName: '王五', taxId: '34052419800101001X' });
    const apply = `/billing-records/${customer.orderNumber}/apply`;

    const page = await agent.get(apply);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`value="${specialTitle.taxId}"`);
    expect(textOf(page.text)).toContain('选择已保存的抬头');
    const individual = /<option value="([0-9a-f-]{36})">王五/.exec(page.text)![1];

    const picked = await agent.get(`${apply}?profile=${individual}`);
    expect(picked.text).toContain('value="34052419800101001X"');
    expect(picked.text).toMatch(/value="normal" checked/);
    expect(picked.text).toMatch(new RegExp(`<option value="${individual}" selected>`));

    const before = await profileCount();
    const typed = await submitForm(agent, apply, apply, {
      type: 'normal',
      purpose: 'none',
      buyerName: '赵六',
      saveProfile: 'true',
    });
    expect(typed.status).toBe(303);
    expect(await profileCount()).toBe(before + 1);
    expect(textOf((await agent.get('/title-profiles')).text)).toContain('赵六');
  });
});
