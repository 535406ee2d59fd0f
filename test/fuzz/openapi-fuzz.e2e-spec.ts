import fc from 'fast-check';
import type { Response } from 'supertest';
import { createTestApp, TestApp } from '../support/test-app';
import { PAYER, payingCustomer, PayingCustomer, applicationBody } from '../fapiao/fapiao-fixtures';
import { appUnixTime, signPayload } from '../support/payment-platform';

/**
 * Requests generated from the OpenAPI document, for every operation: values from each schema,
 * then mutated (fields missing, extra, duplicated, of the wrong type; every Unicode category,
 * control characters and lone surrogates; edge numbers; deep nesting; huge values; other media
 * types; broken JSON). Every answer must be a 4xx problem document or a documented 2xx, and a
 * 4xx must write nothing. FUZZ_SEED, FUZZ_RUNS_PER_OPERATION and FUZZ_TIMEOUT_MS (a slow machine)
 * override the committed values;
 * fast-check prints the seed and the path of a failing request.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261203);
const RUNS_PER_OPERATION = Number(process.env.FUZZ_RUNS_PER_OPERATION ?? 250);

interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  allOf?: Schema[];
  maxLength?: number;
  minimum?: number;
  maximum?: number;
}

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  schema?: Schema;
}

interface Operation {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  path: string;
  parameters: Parameter[];
  body?: Schema;
  statuses: Set<number>;
  producesHtml: boolean;
}

interface FuzzRequest {
  pathValues: Record<string, string>;
  query: string;
  contentType: string | null;
  body: string | null;
  auth: 'valid' | 'none' | 'garbage';
  signed: boolean;
}

/** Strings that reach corners: controls, lone surrogates, other planes, bidi, huge. */
const nastyString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({
    unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
    maxLength: 20,
  }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '\u0007',
    '\u001b[31m',
    '\u007f',
    '\u0085',
    '\u009f',
    '\ud800',
    '\udfff',
    'a\ud83d',
    '\ud83d\ude00',
    '\u202e\u2066',
    '\ufeff',
    '\ufffe\uffff',
    '\t',
    'line\nbreak',
    'line\r\nbreak',
    '../../etc/passwd',
    '%00',
    "' OR 1=1 --",
    '<script>alert(1)</script>',
    '{{constructor}}',
    'NaN',
    'Infinity',
    '-0',
    '1e309',
    'null',
    'true',
    '0x10',
    '１２３',
    '上海示例贸易有限公司',
  ),
  fc.integer({ min: 1, max: 3 }).map((n) => 'x'.repeat(n === 3 ? 300_000 : n * 1000)),
);

const edgeNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0, -0, -1, 1, 0.5, -0.5, 2 ** 31, 2 ** 53 + 2, -(2 ** 63), 1e308, 5e-324, 12_800),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Any JSON value, nested a little; deep nesting comes from `deep` below. */
const junk: fc.Arbitrary<unknown> = fc.oneof(
  nastyString,
  edgeNumber,
  fc.boolean(),
  fc.constant(null),
  fc.jsonValue({ maxDepth: 3 }),
  fc.array(nastyString, { maxLength: 3 }),
  fc.dictionary(nastyString, nastyString, { maxKeys: 3 }),
);

const deep: fc.Arbitrary<unknown> = fc
  .tuple(fc.integer({ min: 10, max: 3000 }), fc.boolean())
  .map(([depth, arrays]) => {
    let value: unknown = 1;
    for (let i = 0; i < depth; i++) value = arrays ? [value] : { a: value };
    return value;
  });

function resolve(doc: OpenApi, schema: Schema): Schema {
  if (schema.$ref) return resolve(doc, doc.components.schemas[schema.$ref.split('/').pop()!]);
  if (schema.allOf?.length === 1) return resolve(doc, schema.allOf[0]);
  return schema;
}

/** A value the schema describes (mostly valid), with known values mixed in to get past lookups. */
function fromSchema(
  doc: OpenApi,
  raw: Schema,
  known: KnownValues,
  depth = 0,
): fc.Arbitrary<unknown> {
  const schema = resolve(doc, raw);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case 'integer':
    case 'number':
      return fc.oneof(
        fc.integer({ min: schema.minimum ?? 0, max: schema.maximum ?? 100_000 }),
        edgeNumber,
      );
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(schema.items ? fromSchema(doc, schema.items, known, depth + 1) : junk, {
        maxLength: 3,
      });
    case 'object':
      if (schema.properties && depth < 4) {
        const entries = Object.entries(schema.properties).map(
          ([name, property]) => [name, fromSchema(doc, property, known, depth + 1)] as const,
        );
        return fc.record(Object.fromEntries(entries), {
          requiredKeys: schema.required ?? [],
        });
      }
      // Nullable strings appear as objects in the document.
      return fc.oneof(knownString(known, schema), fc.constant(null));
    default:
      return knownString(known, schema);
  }
}

function knownString(known: KnownValues, schema: Schema): fc.Arbitrary<string> {
  const formatted =
    schema.format === 'uuid'
      ? fc.uuid()
      : fc.string({ maxLength: Math.min(schema.maxLength ?? 40, 60) });
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...known.strings) },
    { weight: 2, arbitrary: formatted },
    { weight: 2, arbitrary: nastyString },
  );
}

/** A body as text: the schema's value, mutated, or something that is not that at all. */
function bodyText(doc: OpenApi, schema: Schema, known: KnownValues): fc.Arbitrary<string> {
  const valid = fromSchema(doc, schema, known);
  const asObject = (value: unknown) =>
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : { value };
  return fc.oneof(
    { weight: 3, arbitrary: valid.map((v) => JSON.stringify(v)) },
    {
      weight: 4,
      arbitrary: fc.tuple(valid, fc.nat(20), junk).map(([v, pick, replacement]) => {
        const object = asObject(v);
        const keys = Object.keys(object);
        if (keys.length === 0) return JSON.stringify({ [String(pick)]: replacement });
        return JSON.stringify({ ...object, [keys[pick % keys.length]]: replacement });
      }),
    },
    {
      weight: 2,
      arbitrary: fc.tuple(valid, fc.nat(20)).map(([v, pick]) => {
        const object = { ...asObject(v) };
        const keys = Object.keys(object);
        if (keys.length > 0) delete object[keys[pick % keys.length]];
        return JSON.stringify(object);
      }),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(valid, nastyString, junk)
        .map(([v, key, value]) => JSON.stringify({ ...asObject(v), [key]: value })),
    },
    {
      // Duplicated field: the same key twice in the text.
      weight: 1,
      arbitrary: fc.tuple(valid, junk).map(([v, value]) => {
        const text = JSON.stringify(asObject(v));
        const [first] = Object.keys(asObject(v));
        return first && text.length > 2
          ? `{${JSON.stringify(first)}:${JSON.stringify(value) ?? 'null'},${text.slice(1)}`
          : text;
      }),
    },
    { weight: 1, arbitrary: deep.map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: junk.map((v) => JSON.stringify(v) ?? 'null') },
    {
      weight: 1,
      arbitrary: fc.oneof(
        fc.constantFrom(
          '',
          '{',
          '{"a":',
          '[1,]',
          '{"a":1}}',
          'NaN',
          '{"a":NaN}',
          '\u0000',
          '"\\ud800"',
        ),
        fc.string({ unit: 'binary', maxLength: 30 }),
      ),
    },
  );
}

/** Percent-encodes anything, lone surrogates included (as the bytes of no valid UTF-8). */
function encode(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return value
      .split('')
      .map((c) => {
        try {
          return encodeURIComponent(c);
        } catch {
          return '%ED%A0%80';
        }
      })
      .join('');
  }
}

function queryText(doc: OpenApi, op: Operation, known: KnownValues): fc.Arbitrary<string> {
  const params = op.parameters.filter((p) => p.in === 'query');
  const value = (p: Parameter) =>
    fc.oneof(
      fromSchema(doc, p.schema ?? {}, known).map((v) => String(v)),
      nastyString,
      edgeNumber.map(String),
    );
  const named = params.map((p) =>
    fc.option(
      fc
        .array(value(p), { minLength: 1, maxLength: 2 })
        .map((values) => values.map((v) => `${p.name}=${encode(v)}`).join('&')),
      { freq: 2 },
    ),
  );
  return fc
    .tuple(fc.tuple(...named), fc.option(fc.tuple(nastyString, nastyString), { freq: 4 }))
    .map(([parts, extra]) => {
      const all = parts.filter((p): p is string => p !== null);
      if (extra) all.push(`${encode(extra[0])}=${encode(extra[1])}`);
      return all.length ? `?${all.join('&')}` : '';
    });
}

function requestFor(doc: OpenApi, op: Operation, known: KnownValues): fc.Arbitrary<FuzzRequest> {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const pathValues = fc.record(
    Object.fromEntries(
      pathParams.map((p) => [
        p.name,
        fc.oneof(
          { weight: 3, arbitrary: fc.constantFrom(...known.pathValues) },
          { weight: 1, arbitrary: fc.uuid() },
          { weight: 2, arbitrary: nastyString },
        ),
      ]),
    ),
  ) as fc.Arbitrary<Record<string, string>>;
  const body = op.body
    ? fc.option(bodyText(doc, op.body, known), { freq: 12 })
    : fc.option(
        junk.map((v) => JSON.stringify(v) ?? 'null'),
        { freq: 2 },
      );
  const contentType = fc.oneof(
    { weight: 8, arbitrary: fc.constant('application/json') },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/xml',
        'application/json; charset=latin1',
        'application/json; charset=utf-16',
        'application/merge-patch+json',
        'application/octet-stream',
        '',
      ),
    },
    { weight: 1, arbitrary: fc.constant(null) },
  );
  return fc.record({
    pathValues,
    query: queryText(doc, op, known),
    contentType,
    body,
    auth: fc.constantFrom('valid', 'valid', 'valid', 'valid', 'none', 'garbage'),
    signed: fc.boolean(),
  });
}

interface OpenApi {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: Parameter[];
        requestBody?: { content: Record<string, { schema: Schema }> };
        responses: Record<string, { content?: Record<string, unknown> }>;
      }
    >
  >;
  components: { schemas: Record<string, Schema> };
}

interface KnownValues {
  strings: string[];
  pathValues: string[];
}

const TABLES = [
  'customers',
  'orders',
  'payment_records',
  'customer_accounts',
  'account_tokens',
  'account_reports',
  'fapiao_applications',
  'application_history',
  'fapiao_documents',
  'support_requests',
  'support_request_history',
  'mail_outbox',
];

describe('OpenAPI fuzz', () => {
  let t: TestApp;
  let doc: OpenApi;
  let customer: PayingCustomer;
  let known: KnownValues;
  let operations: Operation[];

  beforeAll(async () => {
    t = await createTestApp({ env: { TRUST_PROXY_HOPS: '1' } });
    customer = await payingCustomer(t);
    const draft = await t
      .http()
      .post('/api/v1/fapiao/applications')
      .set('Authorization', `Bearer ${customer.token}`)
      .send(applicationBody(customer.orderNumber));
    doc = (await t.http().get('/api/docs-json')).body as OpenApi;
    known = {
      strings: [customer.orderNumber, customer.email, PAYER, 'buyer@example.com', draft.body.id],
      pathValues: [customer.orderNumber, draft.body.id, customer.accountId],
    };
    operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, op]) => ({
        method: method as Operation['method'],
        path,
        parameters: op.parameters ?? [],
        body: op.requestBody?.content['application/json']?.schema,
        statuses: new Set(Object.keys(op.responses).map(Number)),
        producesHtml: Object.values(op.responses).some((r) => r.content?.['text/html']),
      })),
    );
  }, 60_000);
  afterAll(() => t?.close());

  const rowCounts = async (): Promise<string> => {
    const [row] = await t.dataSource.query(
      `SELECT ${TABLES.map((table) => `(SELECT count(*) FROM ${table})`).join(" || ',' || ")} AS counts`,
    );
    return row.counts as string;
  };

  let ip = 0;
  async function send(op: Operation, request: FuzzRequest): Promise<Response> {
    const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) =>
      encode(request.pathValues[name] ?? ''),
    );
    ip += 1;
    const http = t.http();
    let call = http[op.method](path + request.query)
      .set('X-Forwarded-For', `10.${(ip >> 16) & 255}.${(ip >> 8) & 255}.${ip & 255}`)
      .timeout(30_000);
    if (request.auth === 'valid') call = call.set('Authorization', `Bearer ${customer.token}`);
    if (request.auth === 'garbage') call = call.set('Authorization', 'Bearer x.y.z');
    if (request.signed && request.body !== null) {
      call = call.set(
        'X-Signature',
        signPayload(t.config.paymentWebhookSecret, request.body, appUnixTime(t)),
      );
    }
    if (request.contentType !== null) call = call.set('Content-Type', request.contentType);
    return request.body === null ? call : call.send(request.body);
  }

  it(
    'answers every generated request with a 4xx problem document or a documented 2xx, writing nothing on a 4xx',
    async () => {
      const byOperation = fc
        .constantFrom(...operations)
        .chain((op) => requestFor(doc, op, known).map((request) => ({ op, request })));
      await fc.assert(
        fc.asyncProperty(byOperation, async ({ op, request }) => {
          const before = await rowCounts();
          const res = await send(op, request);
          const where = `${op.method.toUpperCase()} ${op.path} → ${res.status} ${res.text.slice(0, 300)}`;
          if (res.status >= 500) throw new Error(`server error: ${where}`);
          if (res.status < 300) {
            if (!op.statuses.has(res.status))
              throw new Error(`undocumented ${res.status}: ${where}`);
            return;
          }
          if (res.status < 400 || res.status >= 500) throw new Error(`unexpected status: ${where}`);
          const html = op.producesHtml && /^text\/html/.test(res.headers['content-type'] ?? '');
          if (!html) {
            if (!/^application\/problem\+json/.test(res.headers['content-type'] ?? '')) {
              throw new Error(`not problem+json: ${where}`);
            }
            const body = res.body as Record<string, unknown>;
            for (const member of ['type', 'title', 'detail', 'code']) {
              if (typeof body[member] !== 'string') throw new Error(`no ${member}: ${where}`);
            }
            if (body.status !== res.status) throw new Error(`status member differs: ${where}`);
          }
          const after = await rowCounts();
          if (after !== before)
            throw new Error(`a ${res.status} wrote rows (${before} → ${after}): ${where}`);
        }),
        {
          seed: SEED,
          numRuns: RUNS_PER_OPERATION * operations.length,
          endOnFailure: true,
          // The failing request can hold huge values: name the seed and the cause, not the value.
          reporter: (run) => {
            if (run.failed) {
              throw new Error(
                `Fuzz failed at seed ${run.seed}, path "${run.counterexamplePath}" ` +
                  `(FUZZ_SEED=${run.seed} reproduces it): ${(run.errorInstance as Error)?.message}`,
              );
            }
          },
        },
      );
    },
    Number(process.env.FUZZ_TIMEOUT_MS ?? 180_000),
  );
});
