import { availableParallelism } from 'node:os';
import { ConfigurationError, defaultDatabasePoolSize, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('runs with no variables at all: embedded database, local mail sink, development secrets', () => {
    const config = loadConfig({});
    expect(config.nodeEnv).toBe('development');
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.smtpUrl).toBeUndefined();
    expect(config.databasePoolSize).toBe(Math.min(20, 2 * availableParallelism() + 1));
    expect(config.publicBaseUrl).toBe('http://localhost:3000');
    expect(config.jwtSecret.length).toBeGreaterThanOrEqual(32);
  });

  it('sizes the default pool by the host: two connections per core plus one, at most 20', () => {
    expect(defaultDatabasePoolSize(1)).toBe(3);
    expect(defaultDatabasePoolSize(2)).toBe(5);
    expect(defaultDatabasePoolSize(8)).toBe(17);
    expect(defaultDatabasePoolSize(64)).toBe(20);
  });

  it('converts numbers and booleans and trims the trailing slash of the public URL', () => {
    const config = loadConfig({
      PORT: '8080',
      DATABASE_POOL_SIZE: '4',
      ADMIN_ENABLED: 'false',
      PUBLIC_BASE_URL: 'https://fapiao.example.cn/',
    });
    expect(config.port).toBe(8080);
    expect(config.databasePoolSize).toBe(4);
    expect(config.adminEnabled).toBe(false);
    expect(config.publicBaseUrl).toBe('https://fapiao.example.cn');
  });

  it('refuses to start in production without secrets, database and mail server, naming each variable', () => {
    let error: unknown;
    try {
      loadConfig({ NODE_ENV: 'production' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    const message = (error as Error).message;
    for (const name of [
      'DATABASE_URL',
      'SMTP_URL',
      'PUBLIC_BASE_URL',
      'JWT_SECRET',
      'SESSION_SECRET',
      'PAYMENT_WEBHOOK_SECRET',
      'STAFF_TOTP_KEY',
    ]) {
      expect(message).toContain(`${name} is required when NODE_ENV=production`);
    }
  });

  it('starts in production when everything is set', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://app@db/fapiao',
      SMTP_URL: 'smtp://mail:25',
      PUBLIC_BASE_URL: 'https://fapiao.example.cn',
      JWT_SECRET: 'j'.repeat(40),
      SESSION_SECRET: 's'.repeat(40),
      PAYMENT_WEBHOOK_SECRET: 'p'.repeat(40),
      STAFF_TOTP_KEY: 't'.repeat(40),
    });
    expect(config.isProduction).toBe(true);
    expect(config.staffTwoFactorRequired).toBe(true);
  });

  it('keeps staff two-factor sign-in required in production, optional elsewhere unless asked', () => {
    expect(() =>
      loadConfig({ NODE_ENV: 'production', STAFF_TWO_FACTOR_REQUIRED: 'false' }),
    ).toThrow(/STAFF_TWO_FACTOR_REQUIRED cannot be turned off when NODE_ENV=production/);
    expect(loadConfig({}).staffTwoFactorRequired).toBe(false);
    expect(loadConfig({ STAFF_TWO_FACTOR_REQUIRED: 'true' }).staffTwoFactorRequired).toBe(true);
    expect(() => loadConfig({ STAFF_TOTP_KEY: 'short' })).toThrow(
      /STAFF_TOTP_KEY must be at least 32 characters/,
    );
  });

  it('rejects malformed values with the variable named', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_POOL_SIZE: '0' })).toThrow(/DATABASE_POOL_SIZE/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(
      /DATABASE_URL must be a postgres:\/\/ URL/,
    );
    expect(() => loadConfig({ JWT_SECRET: 'short' })).toThrow(
      /JWT_SECRET must be at least 32 characters/,
    );
  });
});
