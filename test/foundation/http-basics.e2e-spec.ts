import { Body, Controller, Get, Module, Post } from '@nestjs/common';
import { IsInt, IsString, MaxLength, Min } from 'class-validator';
import { createTestApp, TestApp } from '../support/test-app';

class EchoBody {
  @IsString()
  @MaxLength(100)
  name: string;

  @IsInt()
  @Min(0)
  amountFen: number;
}

@Controller('test-only')
class ProbeController {
  @Post('echo')
  echo(@Body() body: EchoBody): EchoBody {
    return body;
  }

  @Get('boom')
  boom(): never {
    throw new Error('connection string postgres://secret@internal leaked');
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

describe('HTTP basics', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ imports: [ProbeModule] });
  });
  afterAll(() => t.close());

  it('answers a valid body', async () => {
    const res = await t.http().post('/test-only/echo').send({ name: 'a', amountFen: 1 });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ name: 'a', amountFen: 1 });
  });

  it('answers malformed JSON with 400 problem details', async () => {
    const res = await t
      .http()
      .post('/test-only/echo')
      .set('Content-Type', 'application/json')
      .send('{"name": "a",');
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 400, code: 'MALFORMED_BODY', title: 'Bad Request' });
    expect(res.body.detail).toMatch(/not valid JSON/);
  });

  it('answers an unknown field with 400 naming the field', async () => {
    const res = await t
      .http()
      .post('/test-only/echo')
      .send({ name: 'a', amountFen: 1, admin: true });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors).toEqual([
      { field: 'admin', message: 'admin is not an accepted field' },
    ]);
  });

  it('answers wrong types with 400 listing every failing field', async () => {
    const res = await t.http().post('/test-only/echo').send({ name: 5, amountFen: 1.5 });
    expect(res.status).toBe(400);
    const fields = (res.body.errors as { field: string }[]).map((e) => e.field);
    expect(new Set(fields)).toEqual(new Set(['name', 'amountFen']));
  });

  it('rejects prototype-pollution keys', async () => {
    const res = await t
      .http()
      .post('/test-only/echo')
      .set('Content-Type', 'application/json')
      .send('{"name":"a","amountFen":1,"__proto__":{"admin":true}}');
    expect(res.status).toBe(400);
    expect(res.body.detail).toContain('__proto__');
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it.each([
    [
      'deep inside',
      '{"name":"a","amountFen":1,"x":[{"y":{"constructor":{"admin":true}}}]}',
      'constructor',
    ],
    [
      'spelt with an escape',
      '{"name":"a","amountFen":1,"\\u005f_proto__":{"admin":true}}',
      '__proto__',
    ],
  ])('rejects a prototype-pollution key %s', async (_where, body, key) => {
    const res = await t
      .http()
      .post('/test-only/echo')
      .set('Content-Type', 'application/json')
      .send(body);
    expect(res.status).toBe(400);
    expect(res.body.detail).toBe(`The request body contains the forbidden key "${key}".`);
  });

  it('answers an oversized body with 413 problem details', async () => {
    const res = await t
      .http()
      .post('/test-only/echo')
      .send({ name: 'x'.repeat(3 * 1024 * 1024), amountFen: 1 });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers an unknown route with 404 problem details', async () => {
    const res = await t.http().get('/no/such/route');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 404, code: 'NOT_FOUND', instance: '/no/such/route' });
    expect(res.body.detail).toBe('There is no GET /no/such/route in this API.');
  });

  it('answers an unexpected error with a 500 that reveals nothing', async () => {
    const res = await t.http().get('/test-only/boom');
    expect(res.status).toBe(500);
    expect(res.body.code).toBe('INTERNAL_ERROR');
    const raw = JSON.stringify(res.body);
    expect(raw).not.toContain('postgres://');
    expect(raw).not.toContain('ProbeController');
    expect(raw).not.toMatch(/at .*\.ts:\d+/);
  });

  it('gives every response a request id and security headers', async () => {
    const res = await t.http().get('/health/live').set('X-Request-Id', 'trace-123');
    expect(res.headers['x-request-id']).toBe('trace-123');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
    const generated = await t.http().get('/health/live');
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves the OpenAPI document', async () => {
    const res = await t.http().get('/api/docs-json');
    expect(res.status).toBe(200);
    expect(res.body.info.title).toBe('Fapiao management system');
    expect(Object.keys(res.body.paths)).toContain('/health');
  });
});
