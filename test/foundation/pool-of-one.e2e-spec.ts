import { StaffRole } from '../../src/auth/staff/staff-role';
import { createStaff, signIn } from '../admin/admin-test-kit';
import { payingCustomer, submitted } from '../fapiao/fapiao-fixtures';
import { deliverMail, registerAndLogin, uniqueEmail } from '../support/customers';
import { pushOrder } from '../support/payment-platform';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * With DATABASE_POOL_SIZE=1, any path that holds the pool's connection (a transaction, a lock)
 * while it asks the pool for another waits for the pool's timeout and fails. The same path at
 * any pool size deadlocks once as many requests as there are connections each hold one.
 * `TEST_POOL_SIZE=1 npm test` runs the whole suite this way; these are the paths that did it.
 */
describe('a pool of one connection', () => {
  let t: TestApp;

  beforeAll(async () => {
    // Migrating at start-up takes the migration lock first (nothing is pending here).
    t = await createTestApp({
      env: { DATABASE_POOL_SIZE: '1', MIGRATIONS_RUN: 'true', ADMIN_ENABLED: 'true' },
    });
  }, 60_000);
  afterAll(() => t?.close());

  it('starts, and serves a customer from order to confirmed application', async () => {
    const customer = await payingCustomer(t);
    const id = await submitted(t, customer);
    const [{ status }] = await t.dataSource.query(
      'SELECT status FROM fapiao_applications WHERE id = $1',
      [id],
    );
    expect(status).toBe('submitted');
  });

  it('signs staff in to the back office', async () => {
    await signIn(t, (await createStaff(t, StaffRole.ADMIN)).email);
  });

  it('refuses an email change to a taken address with 409', async () => {
    const { orderNumber } = await pushOrder(t);
    const customer = await registerAndLogin(t, { orderNumber });
    const taken = await registerAndLogin(t, { orderNumber, email: uniqueEmail('taken') });
    const clash = await t
      .http()
      .post('/api/v1/me/email')
      .set('Authorization', `Bearer ${customer.accessToken}`)
      .send({ newEmail: taken.email, password: customer.password });
    expect(clash.status).toBe(409);
    expect(clash.body.code).toBe('EMAIL_TAKEN');
  });

  it('queues a failed mail again from the back office', async () => {
    await deliverMail(t);
    const [[{ id }]] = await t.dataSource.query(
      `UPDATE mail_outbox SET status = 'failed', last_error = 'mailbox unavailable'
        WHERE id = (SELECT id FROM mail_outbox WHERE status = 'sent' ORDER BY created_at LIMIT 1)
       RETURNING id`,
    );
    const admin = await signIn(t, (await createStaff(t, StaffRole.ADMIN)).email);
    const retried = await admin
      .post(`/admin/api/resources/mail_outbox/records/${id}/retryMail`)
      .type('form')
      .send({});
    expect(retried.body.notice).toMatchObject({ type: 'success', message: 'mailRetried' });
    const [{ status }] = await t.dataSource.query('SELECT status FROM mail_outbox WHERE id = $1', [
      id,
    ]);
    expect(status).toBe('pending');
  });
});
