import { withoutSecrets } from './without-secrets';

describe('withoutSecrets', () => {
  it('drops secret-looking keys at every depth and keeps the rest', () => {
    const at = new Date('2026-01-02T03:04:05.000Z');
    expect(
      withoutSecrets({
        email: 'a@example.com',
        password: 'x',
        passwordHash: '$argon2id$…',
        nested: { activationToken: 't', status: 'active', list: [{ secret: 's', n: 1 }] },
        at,
      }),
    ).toEqual({
      email: 'a@example.com',
      nested: { status: 'active', list: [{ n: 1 }] },
      at: '2026-01-02T03:04:05.000Z',
    });
  });
});
