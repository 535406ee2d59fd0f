import { availableParallelism } from 'node:os';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
  ValidationError,
} from 'class-validator';
import { parseJobSchedules } from '../common/jobs/job-schedules';

export const NODE_ENVIRONMENTS = ['development', 'test', 'production'] as const;
export type NodeEnvironment = (typeof NODE_ENVIRONMENTS)[number];

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * The pool's size unless DATABASE_POOL_SIZE says otherwise: two connections per core of this
 * host, plus one, at most 20. PostgreSQL runs a process per connection, and on few cores more
 * connections only take turns and cost the writes database CPU (docs/performance.md). Sized for a database on a host like this one (the embedded one included); a
 * larger database server shared by few instances may take more.
 */
export function defaultDatabasePoolSize(cores = availableParallelism()): number {
  return Math.min(20, 2 * cores + 1);
}

/**
 * Secrets that have a development default. Outside production the defaults keep `npm start`
 * working with no setup; in production each must be set explicitly.
 */
const DEVELOPMENT_SECRETS = {
  JWT_SECRET: 'development-only-jwt-secret-do-not-use-in-production',
  SESSION_SECRET: 'development-only-session-secret-do-not-use-in-production',
  PAYMENT_WEBHOOK_SECRET: 'development-only-payment-webhook-secret',
  STAFF_TOTP_KEY: 'development-only-staff-totp-key-do-not-use-in-production',
} as const;

const MIN_SECRET_LENGTH = 32;

const toBoolean = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? ['1', 'true', 'yes', 'on'].includes(value.toLowerCase()) : value;
const toInteger = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
const emptyToUndefined = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

/** The raw environment as the process sees it; names are the variables' names. */
class EnvironmentVariables {
  @IsIn(NODE_ENVIRONMENTS)
  NODE_ENV: NodeEnvironment = 'development';

  @Transform(toInteger)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = defaultDatabasePoolSize();

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^smtps?:\/\//, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @IsString()
  MAIL_FROM = 'Fapiao Service <fapiao@localhost>';

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsUrl(
    { require_tld: false, require_protocol: true },
    { message: 'PUBLIC_BASE_URL must be an absolute http(s) URL' },
  )
  PUBLIC_BASE_URL?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(MIN_SECRET_LENGTH, {
    message: `JWT_SECRET must be at least ${MIN_SECRET_LENGTH} characters`,
  })
  JWT_SECRET?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(MIN_SECRET_LENGTH, {
    message: `SESSION_SECRET must be at least ${MIN_SECRET_LENGTH} characters`,
  })
  SESSION_SECRET?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'PAYMENT_WEBHOOK_SECRET must be at least 16 characters' })
  PAYMENT_WEBHOOK_SECRET?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(MIN_SECRET_LENGTH, {
    message: `STAFF_TOTP_KEY must be at least ${MIN_SECRET_LENGTH} characters`,
  })
  STAFF_TOTP_KEY?: string;

  @Transform(emptyToUndefined)
  @Transform(toBoolean)
  @IsOptional()
  @IsBoolean()
  STAFF_TWO_FACTOR_REQUIRED?: boolean;

  @Transform(toInteger)
  @IsInt()
  @Min(0)
  @Max(10)
  TRUST_PROXY_HOPS = 0;

  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(1200)
  DELIVERY_DATA_RETENTION_MONTHS = 24;

  @Transform(toInteger)
  @IsInt()
  @Min(1024)
  @Max(50 * 1024 * 1024)
  FAPIAO_FILE_MAX_BYTES = 10 * 1024 * 1024;

  @IsString()
  DATA_DIR = '.data';

  @Transform(toInteger)
  @IsInt()
  @Min(1024)
  @Max(65535)
  EMBEDDED_POSTGRES_PORT = 54329;

  @Transform(toBoolean)
  @IsBoolean()
  ADMIN_ENABLED = true;

  @Transform(toBoolean)
  @IsBoolean()
  JOBS_ENABLED = true;

  @Transform(toBoolean)
  @IsBoolean()
  MIGRATIONS_RUN = true;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  JOB_SCHEDULES?: string;

  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(3600)
  MAIL_CLAIM_LEASE_SECONDS = 300;

  @Transform(toBoolean)
  @IsBoolean()
  DEMO_DATA = true;

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';
}

/** Validated, typed configuration. Built once at start-up; never read process.env elsewhere. */
export class AppConfig {
  readonly nodeEnv: NodeEnvironment;
  readonly isProduction: boolean;
  readonly port: number;
  /** Unset means: start the embedded PostgreSQL under `dataDir`. */
  readonly databaseUrl?: string;
  /** Connections in this instance's pool (its one listening connection comes on top). */
  readonly databasePoolSize: number;
  /** Unset means: start the in-process SMTP sink that writes mail under `dataDir`. */
  readonly smtpUrl?: string;
  readonly mailFrom: string;
  readonly publicBaseUrl: string;
  readonly jwtSecret: string;
  readonly sessionSecret: string;
  readonly paymentWebhookSecret: string;
  /** Encrypts staff members' TOTP secrets at rest (a key is derived from it). */
  readonly staffTotpKey: string;
  /** Every staff member signs in with a second factor (always so in production). */
  readonly staffTwoFactorRequired: boolean;
  readonly trustProxyHops: number;
  readonly dataDir: string;
  readonly embeddedPostgresPort: number;
  readonly adminEnabled: boolean;
  readonly jobsEnabled: boolean;
  readonly migrationsRun: boolean;
  /** Cron expressions that replace jobs' own schedules (JOB_SCHEDULES), by job name. */
  readonly jobSchedules: ReadonlyMap<string, string>;
  /** How long a claimed outbox mail is reserved for the instance that claimed it. */
  readonly mailClaimLeaseMs: number;
  /** Load demo data into the embedded database when it is empty. */
  readonly demoData: boolean;
  readonly logLevel: LogLevel;
  /** Delivery contact data of applications delivered longer ago than this is anonymised. */
  readonly deliveryDataRetentionMonths: number;
  /** The largest fapiao file (PDF, OFD, XML) staff may attach; larger ones are refused. */
  readonly fapiaoFileMaxBytes: number;

  constructor(values: Omit<AppConfig, 'isProduction'>) {
    Object.assign(this, values);
    this.isProduction = values.nodeEnv === 'production';
  }
}

export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigurationError';
  }
}

function describe(errors: ValidationError[]): string[] {
  return errors.flatMap((error) =>
    Object.values(error.constraints ?? {}).map((message) =>
      message.startsWith(error.property) ? message : `${error.property}: ${message}`,
    ),
  );
}

/** Reads and validates the environment. Throws ConfigurationError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const raw = plainToInstance(EnvironmentVariables, stripUndefined(env), {
    excludeExtraneousValues: false,
  });
  const problems = describe(validateSync(raw, { whitelist: true, forbidUnknownValues: false }));
  const jobSchedules = parseJobSchedules(raw.JOB_SCHEDULES);
  problems.push(...jobSchedules.problems);

  const production = raw.NODE_ENV === 'production';
  if (production) {
    const required: (keyof EnvironmentVariables)[] = [
      'DATABASE_URL',
      'SMTP_URL',
      'PUBLIC_BASE_URL',
      'JWT_SECRET',
      'SESSION_SECRET',
      'PAYMENT_WEBHOOK_SECRET',
      'STAFF_TOTP_KEY',
    ];
    for (const name of required) {
      if (raw[name] === undefined) {
        problems.push(`${name} is required when NODE_ENV=production${requiredHint(name)}`);
      }
    }
    if (raw.STAFF_TWO_FACTOR_REQUIRED === false) {
      problems.push('STAFF_TWO_FACTOR_REQUIRED cannot be turned off when NODE_ENV=production');
    }
  }
  if (problems.length > 0) throw new ConfigurationError(problems);

  const port = raw.PORT;
  return new AppConfig({
    nodeEnv: raw.NODE_ENV,
    port,
    databaseUrl: raw.DATABASE_URL,
    databasePoolSize: raw.DATABASE_POOL_SIZE,
    smtpUrl: raw.SMTP_URL,
    mailFrom: raw.MAIL_FROM,
    publicBaseUrl: (raw.PUBLIC_BASE_URL ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    jwtSecret: raw.JWT_SECRET ?? DEVELOPMENT_SECRETS.JWT_SECRET,
    sessionSecret: raw.SESSION_SECRET ?? DEVELOPMENT_SECRETS.SESSION_SECRET,
    paymentWebhookSecret: raw.PAYMENT_WEBHOOK_SECRET ?? DEVELOPMENT_SECRETS.PAYMENT_WEBHOOK_SECRET,
    staffTotpKey: raw.STAFF_TOTP_KEY ?? DEVELOPMENT_SECRETS.STAFF_TOTP_KEY,
    staffTwoFactorRequired: production || raw.STAFF_TWO_FACTOR_REQUIRED === true,
    trustProxyHops: raw.TRUST_PROXY_HOPS,
    dataDir: raw.DATA_DIR,
    embeddedPostgresPort: raw.EMBEDDED_POSTGRES_PORT,
    adminEnabled: raw.ADMIN_ENABLED,
    jobsEnabled: raw.JOBS_ENABLED,
    migrationsRun: raw.MIGRATIONS_RUN,
    jobSchedules: jobSchedules.schedules,
    mailClaimLeaseMs: raw.MAIL_CLAIM_LEASE_SECONDS * 1000,
    demoData: raw.DEMO_DATA,
    logLevel: raw.LOG_LEVEL,
    deliveryDataRetentionMonths: raw.DELIVERY_DATA_RETENTION_MONTHS,
    fapiaoFileMaxBytes: raw.FAPIAO_FILE_MAX_BYTES,
  });
}

function requiredHint(name: keyof EnvironmentVariables): string {
  switch (name) {
    case 'DATABASE_URL':
      return ' (the embedded database is for development only)';
    case 'SMTP_URL':
      return ' (the local mail sink is for development only)';
    case 'JWT_SECRET':
    case 'SESSION_SECRET':
    case 'STAFF_TOTP_KEY':
      return ` (a random string of at least ${MIN_SECRET_LENGTH} characters)`;
    default:
      return '';
  }
}

function stripUndefined(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}
