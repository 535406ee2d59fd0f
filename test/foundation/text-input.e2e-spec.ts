import { strongPassword, uniqueEmail } from '../support/customers';
import { pushOrder } from '../support/payment-platform';
import { createTestApp, TestApp } from '../support/test-app';
import {
  APPLICATIONS,
  applicationBody,
  authed,
  fapiaoRowCounts,
  mailedShipping,
  payingCustomer,
  PayingCustomer,
} from '../fapiao/fapiao-fixtures';

/**
 * Input that is not text, or not JSON, is refused at the edge with a 4xx naming the field.
 * On 4f9013d NUL reached PostgreSQL (500), text/plain bodies were read as empty ones and
 * line breaks were stored in one-line fields.
 */
describe('Text and media types at the edge', () => {
  let t: TestApp;
  let customer: PayingCustomer;

  beforeAll(async () => {
    t = await createTestApp({ env: { TRUST_PROXY_HOPS: '1' } });
    customer = await payingCustomer(t);
  });
  afterAll(() => t.close());

  let ip = 0;
  const fromNewAddress = () => `203.0.113.${(ip = (ip % 250) + 1)}`;

  /** Sends raw JSON text so escapes such as \u0000 and \ud800 reach the server as written. */
  function postRaw(path: string, json: string, token?: string) {
    const request = t
      .http()
      .post(path)
      .set('X-Forwarded-For', fromNewAddress())
      .set('Content-Type', 'application/json');
    if (token) request.set('Authorization', `Bearer ${token}`);
    return request.send(json);
  }

  const registerJson = (emailJson: string) =>
    `{"orderNumber":"SO1","email":${emailJson},"password":"${strongPassword()}"}`;

  it.each([
    ['NUL', '"a\\u0000b@example.com"'],
    ['a C0 control character', '"a\\u0007b@example.com"'],
    ['a C1 control character', '"a\\u0085b@example.com"'],
    ['DEL', '"a\\u007fb@example.com"'],
    ['a lone high surrogate', '"a\\ud800b@example.com"'],
    ['a lone low surrogate', '"a\\udc00b@example.com"'],
  ])('refuses %s in a body field with 400 naming it', async (_name, emailJson) => {
    const before = await t.dataSource.query('SELECT count(*)::int AS n FROM customer_accounts');
    const res = await postRaw('/api/v1/auth/register', registerJson(emailJson));
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors).toEqual([
      { field: 'email', message: expect.stringMatching(/^email contains/) },
    ]);
    expect(await t.dataSource.query('SELECT count(*)::int AS n FROM customer_accounts')).toEqual(
      before,
    );
  });

  it('refuses a control character in a field name', async () => {
    const res = await postRaw('/api/v1/auth/login', '{"email":"a@example.com","pass\\u0000":"x"}');
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('pass\u0000');
  });

  it('refuses a control character deep inside a nested body, naming the path', async () => {
    const body = JSON.stringify(
      applicationBody(customer.orderNumber, { title: { buyerName: 'Acme\u0000 Ltd' } }),
    );
    const before = await fapiaoRowCounts(t);
    const res = await postRaw(APPLICATIONS, body, customer.token);
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { field: 'title.buyerName', message: 'title.buyerName contains a control character' },
    ]);
    expect(await fapiaoRowCounts(t)).toEqual(before);
  });

  it('refuses tab and line breaks in one-line fields, keeps them in multi-line ones as typed', async () => {
    const http = authed(t, customer.token);
    const before = await fapiaoRowCounts(t);
    const oneLine = await http.post(
      APPLICATIONS,
      applicationBody(customer.orderNumber, {
        title: { buyerName: 'Shanghai Example\nTrading Co., Ltd.' },
      }),
    );
    expect(oneLine.status).toBe(400);
    expect(oneLine.body.errors).toEqual([
      {
        field: 'title.buyerName',
        message: 'title.buyerName must be one line (no tab or line break)',
      },
    ]);
    expect(await fapiaoRowCounts(t)).toEqual(before);

    const address = '科苑路88号\r\n德国中心3号楼\t657室';
    const multiLine = await http.post(
      APPLICATIONS,
      applicationBody(customer.orderNumber, { shipping: { ...mailedShipping, address } }),
    );
    expect(multiLine.status).toBe(201);
    const [row] = await t.dataSource.query(
      `SELECT shipping_address FROM fapiao_applications WHERE id = $1`,
      [multiLine.body.id],
    );
    expect(row.shipping_address).toBe(address);
  });

  it('refuses JSON nested deeper than the limit with 400', async () => {
    const deep = '{"a":'.repeat(40) + '1' + '}'.repeat(40);
    const res = await postRaw('/api/v1/auth/login', deep);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.detail).toMatch(/invalid fields/);
    expect(res.body.errors[0].message).toMatch(/nested deeper than 16 levels/);

    const deepArray = '['.repeat(5000) + ']'.repeat(5000);
    const arrays = await postRaw(APPLICATIONS, deepArray, customer.token);
    expect(arrays.status).toBe(400);
  });

  it('answers a body that is not JSON with 415, doing nothing', async () => {
    // The draft the test before made (one open draft per bill).
    const [draft] = await t.dataSource.query(
      `SELECT id FROM fapiao_applications WHERE order_number = $1 AND status = 'draft'`,
      [customer.orderNumber],
    );
    const before = await fapiaoRowCounts(t);
    for (const [type, body] of [
      ['text/plain', '{"version":1}'],
      ['application/x-www-form-urlencoded', 'version=1'],
      ['application/xml', '<version>1</version>'],
    ]) {
      const res = await t
        .http()
        .post(`${APPLICATIONS}/${draft.id}/cancel`)
        .set('Authorization', `Bearer ${customer.token}`)
        .set('Content-Type', type)
        .send(body);
      expect(res.status).toBe(415);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
    expect(await fapiaoRowCounts(t)).toEqual(before);
    // A request without a body needs no media type.
    const bodiless = await t
      .http()
      .post(`${APPLICATIONS}/${draft.id}/cancel`)
      .set('Authorization', `Bearer ${customer.token}`);
    expect(bodiless.status).toBe(200);
  });

  it('refuses control characters in query and path parameters, naming them', async () => {
    const http = authed(t, customer.token);
    const query = await http.get(`${APPLICATIONS}?status=draft%00`);
    expect(query.status).toBe(400);
    expect(query.body.errors).toEqual([
      { field: 'status', message: 'status contains a control character' },
    ]);
    const tabInQuery = await http.get(`${APPLICATIONS}?status=draft%09`);
    expect(tabInQuery.status).toBe(400);
    expect(tabInQuery.body.errors[0].field).toBe('status');

    const path = await http.get(`/api/v1/billing-records/SO%00123`);
    expect(path.status).toBe(400);
    expect(path.body.errors).toEqual([
      { field: 'orderNumber', message: 'orderNumber contains a control character' },
    ]);
    const surrogate = await http.get(`/api/v1/support-requests/%ED%A0%80`);
    expect(surrogate.status).toBeGreaterThanOrEqual(400);
    expect(surrogate.status).toBeLessThan(500);
  });

  it('stores emails lower-cased and names as typed', async () => {
    const order = await pushOrder(t);
    const email = uniqueEmail('Mixed.Case').replace('@', '@Example.');
    const res = await t
      .http()
      .post('/api/v1/auth/register')
      .set('X-Forwarded-For', fromNewAddress())
      .send({ orderNumber: order.orderNumber, email, password: strongPassword() });
    expect(res.status).toBe(202);
    const rows = await t.dataSource.query('SELECT email FROM customer_accounts WHERE email = $1', [
      email.toLowerCase(),
    ]);
    expect(rows).toHaveLength(1);
  });

  it("answers what Node's HTTP parser refuses (headers too large) with a problem document", async () => {
    const res = await t.http().get(`${APPLICATIONS}?q=${'x'.repeat(40_000)}`);
    expect(res.status).toBe(431);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 431, code: 'HEADERS_TOO_LARGE' });
  });

  it("stores the payment platform's contact email lower-cased (4f9013d kept it as sent)", async () => {
    const order = await pushOrder(t, { contactEmail: 'Buyer.Contact@Example.COM' });
    const [row] = await t.dataSource.query(
      'SELECT contact_email FROM orders WHERE order_number = $1',
      [order.orderNumber],
    );
    expect(row.contact_email).toBe('buyer.contact@example.com');
  });
});
