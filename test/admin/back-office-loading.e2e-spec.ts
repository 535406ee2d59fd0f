import { Logger } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { StaffRole } from '../../src/auth/staff/staff-role';
import { ADMIN_JS_LOADER, AdminJsLoader, loadAdminJs } from '../../src/admin/adminjs-loader';
import { createTestApp, TestApp } from '../support/test-app';
import { createStaff, signIn } from './admin-test-kit';

/** A loader that starts the real import only once `release()` is called. */
function heldLoader(): { loader: AdminJsLoader; release: () => void } {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  return { loader: () => held.then(loadAdminJs), release };
}

function adminAppWith(loader: AdminJsLoader): Promise<TestApp> {
  return createTestApp({
    env: { ADMIN_ENABLED: 'true' },
    override: (builder) => builder.overrideProvider(ADMIN_JS_LOADER).useValue(loader),
  });
}

/** Whether `promise` is still pending after `ms`. */
async function stillPendingAfter(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let settled = false;
  void promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  await sleep(ms);
  return !settled;
}

describe('back office loaded in the background', () => {
  describe('while AdminJS is still loading', () => {
    let t: TestApp;
    const { loader, release } = heldLoader();

    beforeAll(async () => {
      t = await adminAppWith(loader);
    }, 60_000);
    afterAll(async () => {
      release();
      await t?.close();
    });

    it('reports ready on /health with the back office starting, and /admin requests wait for it', async () => {
      const health = await t.http().get('/health');
      expect(health.status).toBe(200);
      expect(health.body.details.backOffice).toEqual({ status: 'up', state: 'starting' });

      const staff = await createStaff(t, StaffRole.ADMIN);
      const page = t
        .http()
        .get('/admin/login')
        .then((res) => res);
      // A form post: fails if the app's body parsers ran before the back office's router.
      const agent = signIn(t, staff.email);
      expect(await stillPendingAfter(page, 300)).toBe(true);

      release();
      const res = await page;
      expect(res.status).toBe(200);
      expect(res.text).toContain('<html');
      // Behind helmet like every page (no framing: clickjacking on staff actions).
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      const list = await (await agent).get('/admin/api/resources/staff_users/actions/list');
      expect(list.status).toBe(200);

      const ready = await t.http().get('/health');
      expect(ready.body.details.backOffice).toEqual({ status: 'up', state: 'ready' });
    }, 60_000);
  });

  describe('when loading AdminJS fails', () => {
    let t: TestApp;
    let errorLog: jest.SpyInstance;

    beforeAll(async () => {
      errorLog = jest.spyOn(Logger.prototype, 'error');
      t = await adminAppWith(() => Promise.reject(new Error('adminjs is not installed (test)')));
    }, 60_000);
    afterAll(async () => {
      errorLog.mockRestore();
      await t?.close();
    });

    it('answers /admin with a 503 problem and logs the cause, while the API stays ready', async () => {
      const page = await t.http().get('/admin/login');
      expect(page.status).toBe(503);
      expect(page.headers['content-type']).toContain('application/problem+json');
      expect(page.body).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE' });
      expect(page.body.detail).toContain('back office could not be loaded');

      const form = await t.http().post('/admin/login').type('form').send({ email: 'a@b.c' });
      expect(form.status).toBe(503);

      expect(errorLog).toHaveBeenCalledWith(
        expect.stringContaining('adminjs is not installed (test)'),
        expect.stringContaining('Error: adminjs is not installed (test)'),
      );
      const health = await t.http().get('/health');
      expect(health.status).toBe(200);
      expect(health.body.details.backOffice).toEqual({ status: 'up', state: 'failed' });
    });
  });

  it('closing the app waits for a load still in flight', async () => {
    const { loader, release } = heldLoader();
    const t = await adminAppWith(loader);
    const closing = t.close();
    try {
      expect(await stillPendingAfter(closing, 300)).toBe(true);
    } finally {
      release();
      await closing;
    }
  }, 60_000);
});
