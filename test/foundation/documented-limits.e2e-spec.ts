import { createTestApp, TestApp } from '../support/test-app';
import { payingCustomer, PayingCustomer } from '../fapiao/fapiao-fixtures';
import { appUnixTime, signPayload } from '../support/payment-platform';

interface Schema {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  allOf?: Schema[];
  maxLength?: number;
  minLength?: number;
}

interface OpenApi {
  paths: Record<
    string,
    Record<string, { requestBody?: { content: Record<string, { schema?: Schema }> } }>
  >;
  components: { schemas: Record<string, Schema> };
}

interface LimitedField {
  method: string;
  path: string;
  /** The property path inside the body, e.g. ['title', 'name']. */
  at: string[];
  maxLength?: number;
  minLength?: number;
}

interface FieldError {
  field: string;
  message: string;
}

function resolve(doc: OpenApi, schema: Schema): Schema {
  if (schema.$ref) return resolve(doc, doc.components.schemas[schema.$ref.split('/').pop()!]);
  if (schema.allOf?.length === 1) return resolve(doc, schema.allOf[0]);
  return schema;
}

/** Every string property with a documented length limit, nested objects included. */
function limitedFields(
  doc: OpenApi,
  schema: Schema,
  at: string[],
): Omit<LimitedField, 'method' | 'path'>[] {
  const resolved = resolve(doc, schema);
  return Object.entries(resolved.properties ?? {}).flatMap(([name, property]) => {
    const own = resolve(doc, property);
    if (own.type === 'object' || own.properties) return limitedFields(doc, own, [...at, name]);
    if (own.type !== 'string') return [];
    // Passwords are measured by the password policy once the rest of the request is valid
    // (code points, not UTF-16 units): test/foundation/errors-people-understand covers them.
    if (/password/i.test(name)) return [];
    if (own.maxLength === undefined && own.minLength === undefined) return [];
    return [{ at: [...at, name], maxLength: own.maxLength, minLength: own.minLength }];
  });
}

function bodyWith(at: string[], value: string): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  let node = body;
  at.slice(0, -1).forEach((name) => {
    node[name] = {};
    node = node[name] as Record<string, unknown>;
  });
  node[at[at.length - 1]] = value;
  return body;
}

/**
 * The limits the API document states are the ones enforced, and the message for a value past a
 * limit names that same limit: for every documented string length of every request body, a
 * value one past the limit is refused on that field with the number in its message, and a value
 * at the limit is not refused for its length. A new field whose decorators disagree fails here.
 */
describe('documented limits', () => {
  let t: TestApp;
  let customer: PayingCustomer;
  let fields: LimitedField[];

  beforeAll(async () => {
    t = await createTestApp({ env: { TRUST_PROXY_HOPS: '1' } });
    customer = await payingCustomer(t);
    const doc = (await t.http().get('/api/docs-json')).body as OpenApi;
    fields = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item).flatMap(([method, op]) => {
        const schema = op.requestBody?.content['application/json']?.schema;
        return schema
          ? limitedFields(doc, schema, []).map((field) => ({ ...field, method, path }))
          : [];
      }),
    );
  }, 60_000);
  afterAll(() => t?.close());

  let ip = 0;
  async function errorsFor(field: LimitedField, value: string): Promise<FieldError[]> {
    const text = JSON.stringify(bodyWith(field.at, value));
    // Path parameters get a syntactically valid id: the body is checked before any lookup.
    const path = field.path.replace(/\{\w+\}/g, '00000000-0000-4000-8000-000000000000');
    ip += 1;
    const agent = t.http() as unknown as Record<string, (p: string) => import('supertest').Test>;
    const call = agent[field.method](path)
      .set('X-Forwarded-For', `10.9.${(ip >> 8) & 255}.${ip & 255}`)
      .set('Authorization', `Bearer ${customer.token}`)
      .set('X-Signature', signPayload(t.config.paymentWebhookSecret, text, appUnixTime(t)))
      .set('Content-Type', 'application/json');
    const res = await call.send(text);
    expect(res.status).toBeLessThan(500);
    return (res.body?.errors as FieldError[] | undefined) ?? [];
  }

  it('finds the documented limits to check', () => {
    expect(fields.length).toBeGreaterThan(10);
    expect(fields.filter((field) => field.path.includes('applications')).length).toBeGreaterThan(0);
  });

  it('refuses one past each documented limit, naming that limit, and not at it', async () => {
    const wrong: string[] = [];
    for (const field of fields) {
      const name = field.at.join('.');
      const where = `${field.method.toUpperCase()} ${field.path} ${name}`;
      if (field.maxLength !== undefined) {
        const past = (await errorsFor(field, 'a'.repeat(field.maxLength + 1))).filter(
          (error) => error.field === name,
        );
        if (!past.some((error) => error.message.includes(String(field.maxLength)))) {
          wrong.push(`${where}: ${field.maxLength + 1} characters gave ${JSON.stringify(past)}`);
        }
        const at = (await errorsFor(field, 'a'.repeat(field.maxLength))).filter(
          (error) => error.field === name && /at most|shorter|longer/.test(error.message),
        );
        if (at.length > 0)
          wrong.push(`${where}: ${field.maxLength} characters gave ${JSON.stringify(at)}`);
      }
      if (field.minLength !== undefined && field.minLength > 1) {
        const short = (await errorsFor(field, 'a'.repeat(field.minLength - 1))).filter(
          (error) => error.field === name,
        );
        if (!short.some((error) => error.message.includes(String(field.minLength)))) {
          wrong.push(`${where}: ${field.minLength - 1} characters gave ${JSON.stringify(short)}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  }, 180_000);
});
