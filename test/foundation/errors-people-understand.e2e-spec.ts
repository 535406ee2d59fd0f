import {
  ACTIVATE_PATH,
  activationToken,
  REGISTER_PATH,
  strongPassword,
  uniqueEmail,
} from '../support/customers';
import { pushOrder } from '../support/payment-platform';
import { createTestApp, TestApp } from '../support/test-app';

interface OpenApiOperation {
  description?: string;
  responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>;
}

/**
 * Errors a person understands, and an API document that says what errors look like. On
 * 4f9013d a missing field had three messages, a 410 was titled "Request Error", forgot-email
 * spoke English only and no error response had a schema.
 */
describe('errors a person understands', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('gives one message per failing field; a missing field is "required"', async () => {
    const res = await t
      .http()
      .post(REGISTER_PATH)
      .send({ email: 12345, password: strongPassword() });
    expect(res.status).toBe(400);
    const fields = (res.body.errors as { field: string; message: string }[]).map((e) => e.field);
    expect(fields.sort()).toEqual(['email', 'orderNumber']);
    expect(res.body.errors).toContainEqual({
      field: 'orderNumber',
      message: 'orderNumber is required',
    });
  });

  it('names the enforced and documented limit, whatever the input size', async () => {
    const { orderNumber } = await pushOrder(t);
    for (const length of [129, 600]) {
      const res = await t
        .http()
        .post(REGISTER_PATH)
        .send({ orderNumber, email: uniqueEmail('long'), password: 'x'.repeat(length) });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(JSON.stringify(res.body.errors)).toContain('at most 128 characters');
    }
  });

  it('titles every problem with its status, never "Request Error"', async () => {
    const { orderNumber } = await pushOrder(t);
    const email = uniqueEmail('titled');
    await t.http().post(REGISTER_PATH).send({ orderNumber, email, password: strongPassword() });
    const token = await activationToken(t, email);
    expect((await t.http().post(ACTIVATE_PATH).send({ token })).status).toBe(200);
    const used = await t.http().post(ACTIVATE_PATH).send({ token });
    expect(used.status).toBe(410);
    expect(used.body.title).toBe('Gone');
    const unknown = await t.http().get('/api/v1/no-such-route');
    expect(unknown.body.title).toBe('Not Found');
  });

  it('answers forgot-email in the language asked for, with both', async () => {
    const zh = await t.http().get('/api/v1/auth/forgot-email');
    expect(zh.body.message).toMatch(/客服/);
    const en = await t
      .http()
      .get('/api/v1/auth/forgot-email')
      .set('Accept-Language', 'en-US,en;q=0.9');
    expect(en.body.message).toMatch(/customer service/);
    expect(Object.keys(en.body.messages).sort()).toEqual(['en', 'zh-CN']);
  });

  it('documents every operation, and every error response as problem details', async () => {
    const doc = (await t.http().get('/api/docs-json')).body as {
      paths: Record<string, Record<string, OpenApiOperation>>;
      components: { schemas: Record<string, unknown> };
    };
    expect(doc.components.schemas.ProblemDetails).toBeDefined();
    const undocumented: string[] = [];
    const untyped: string[] = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        if (!operation.description?.trim()) undocumented.push(`${method} ${path}`);
        for (const [status, response] of Object.entries(operation.responses)) {
          if (Number(status) < 400) continue;
          // Problem details, unless the operation documents its own body (an HTML page, the
          // health check's report).
          const problem = response.content?.['application/problem+json']?.schema?.$ref;
          const own = Object.keys(response.content ?? {}).some(
            (type) => type !== 'application/problem+json',
          );
          if (problem !== '#/components/schemas/ProblemDetails' && !own) {
            untyped.push(`${method} ${path} ${status}`);
          }
        }
      }
    }
    expect(undocumented).toEqual([]);
    expect(untyped).toEqual([]);
  });
});
