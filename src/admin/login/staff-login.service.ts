import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { StaffAuthService } from '../../auth/staff/staff-auth.service';
import {
  SecondFactorMethod,
  StaffTwoFactorService,
} from '../../auth/staff/staff-two-factor.service';
import { FailureLimit, FailureLimiter } from '../../common/throttling/failure-limiter';
import { Clock } from '../../common/time/clock';
import { StaffAdmin } from '../admin-access';
import { AuditLogService } from '../audit/audit-log.service';

/**
 * Failed logins allowed within the window (ASVS 6.3: counted per account and source, so that
 * failures on one account never shut an office's address out of every other account).
 */
export const LOGIN_THROTTLE = {
  windowMs: 15 * 60 * 1000,
  /** For one email from one address, since that email's last success. */
  failuresPerEmailAndIp: 5,
  /** For one email from all addresses together (a guessing attack spread over addresses). */
  failuresPerEmail: 50,
  /** Different emails failing from one address (password spraying) block that address. */
  emailsFailedPerIp: 10,
} as const;

export const LOGIN_AUDIT_ACTIONS = {
  succeeded: 'staff.login',
  /** The password was right; the second factor is asked next. */
  passwordAccepted: 'staff.login_password_accepted',
  failed: 'staff.login_failed',
  blocked: 'staff.login_blocked',
  secondFactorFailed: 'staff.two_factor_failed',
  secondFactorBlocked: 'staff.two_factor_blocked',
  enrolled: 'staff.two_factor_enrolled',
} as const;

/** Wrong second-factor codes allowed within the window, per account and address, and per account. */
export const SECOND_FACTOR_THROTTLE = {
  perAccountAndIp: {
    name: 'staff-second-factor-ip',
    maxFailures: 5,
    windowMs: 15 * 60 * 1000,
  } satisfies FailureLimit,
  perAccount: {
    name: 'staff-second-factor',
    maxFailures: 20,
    windowMs: 15 * 60 * 1000,
  } satisfies FailureLimit,
} as const;

/** After the password: signed in, or the second factor to ask for (a code, or enrolment first). */
export interface PasswordAccepted {
  staff: StaffAdmin;
  secondFactor: 'none' | 'code' | 'enrol';
}

/** Advisory-lock namespaces (first key of the two-key form), so email and IP locks never collide. */
const LOCK_EMAIL = 73_010_001;
const LOCK_IP = 73_010_002;

export class LoginThrottledError extends Error {
  constructor(
    /** When the attempt may be made again: the newest counted failure leaves the window. */
    readonly retryAfterSeconds: number,
  ) {
    // The message is the AdminJS translation key shown on the login page.
    super('tooManyLoginAttempts');
  }
}

/**
 * Back-office sign-in with throttling and an audit trail. The failures counted are the audit
 * log's own `staff.login_failed` rows, so there is no second store to keep in step. Attempts for
 * the same email (and from the same IP) are serialised with advisory locks, so a burst of
 * parallel guesses cannot slip past the limit between the count and the write.
 */
@Injectable()
export class StaffLoginService {
  private readonly logger = new Logger('StaffLogin');

  constructor(
    private readonly dataSource: DataSource,
    private readonly staffAuth: StaffAuthService,
    private readonly audit: AuditLogService,
    private readonly clock: Clock,
    private readonly twoFactor: StaffTwoFactorService,
    private readonly failures: FailureLimiter,
  ) {}

  /**
   * The password step: who it is and what is asked next, null for wrong credentials; throws
   * LoginThrottledError.
   */
  async login(
    rawEmail: unknown,
    password: unknown,
    ip: string | undefined,
    userAgent?: string,
  ): Promise<PasswordAccepted | null> {
    const email = typeof rawEmail === 'string' ? rawEmail.trim().toLowerCase().slice(0, 254) : '';
    const secret = typeof password === 'string' ? password : '';
    const clientIp = ip ?? null;

    let throttledFor = 0;
    const signedIn = await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_EMAIL, email]);
      if (clientIp) {
        await manager.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_IP, clientIp]);
      }
      throttledFor = await this.throttledFor(manager, email, clientIp);
      if (throttledFor > 0) {
        await this.audit.record(manager, {
          actor: { email },
          action: LOGIN_AUDIT_ACTIONS.blocked,
          ip: clientIp,
          userAgent,
        });
        this.logger.warn(`Staff sign-in refused while throttled (from ${clientIp ?? 'unknown'})`);
        // Not thrown here: the blocked attempt's audit entry must commit.
        return null;
      }

      const staff =
        email && secret ? await this.staffAuth.authenticate(email, secret, manager) : null;
      const secondFactor: PasswordAccepted['secondFactor'] = !staff
        ? 'none'
        : (await this.twoFactor.isEnrolled(staff.id, manager))
          ? 'code'
          : this.twoFactor.required
            ? 'enrol'
            : 'none';
      await this.audit.record(manager, {
        actor: staff ? { id: staff.id, email: staff.email } : { email },
        action: !staff
          ? LOGIN_AUDIT_ACTIONS.failed
          : secondFactor === 'none'
            ? LOGIN_AUDIT_ACTIONS.succeeded
            : LOGIN_AUDIT_ACTIONS.passwordAccepted,
        resource: staff ? 'staff_users' : undefined,
        recordId: staff?.id,
        ip: clientIp,
        userAgent,
      });
      if (!staff) this.logger.warn(`Failed staff sign-in from ${clientIp ?? 'unknown'}`);
      return staff
        ? {
            staff: { id: staff.id, email: staff.email, title: staff.displayName, role: staff.role },
            secondFactor,
          }
        : null;
    });
    if (throttledFor > 0) throw new LoginThrottledError(throttledFor);
    return signedIn;
  }

  /**
   * The second step for a staff member whose password was accepted: a TOTP or recovery code,
   * or, while enrolling, the first code from the app (then `recoveryCodes` are the new ones).
   * Throws LoginThrottledError after too many wrong codes for the account (from this address,
   * or in all).
   */
  async secondFactor(input: {
    staff: StaffAdmin;
    code: unknown;
    /** Set while enrolling: the secret the enrolment page showed, sealed. */
    sealedEnrolmentSecret?: string;
    ip: string | undefined;
    userAgent?: string;
  }): Promise<{ method: SecondFactorMethod; recoveryCodes?: string[] } | null> {
    const { staff, ip, userAgent } = input;
    const code = typeof input.code === 'string' ? input.code.slice(0, 64) : '';
    const clientIp = ip ?? null;
    const keys = [
      [SECOND_FACTOR_THROTTLE.perAccountAndIp, `${staff.id}|${clientIp ?? ''}`],
      [SECOND_FACTOR_THROTTLE.perAccount, staff.id],
    ] as const;
    const entry = (action: string, after?: Record<string, unknown>) =>
      this.dataSource.transaction((manager) =>
        this.audit.record(manager, {
          actor: { id: staff.id, email: staff.email },
          action,
          resource: 'staff_users',
          recordId: staff.id,
          after,
          ip: clientIp,
          userAgent,
        }),
      );

    const waits = await Promise.all(
      keys.map(([limit, key]) => this.failures.retryAfterSeconds(limit, key)),
    );
    if (Math.max(...waits) > 0) {
      await entry(LOGIN_AUDIT_ACTIONS.secondFactorBlocked);
      this.logger.warn(
        `Staff second factor refused while throttled (from ${clientIp ?? 'unknown'})`,
      );
      throw new LoginThrottledError(Math.max(...waits));
    }

    let outcome: { method: SecondFactorMethod; recoveryCodes?: string[] } | null = null;
    if (input.sealedEnrolmentSecret) {
      const recoveryCodes = await this.twoFactor.confirmEnrolment(
        staff.id,
        input.sealedEnrolmentSecret,
        code,
      );
      if (recoveryCodes) {
        await entry(LOGIN_AUDIT_ACTIONS.enrolled);
        outcome = { method: 'totp', recoveryCodes };
      }
    } else {
      const method = await this.twoFactor.verify(staff.id, code);
      if (method) outcome = { method };
    }

    if (!outcome) {
      await entry(LOGIN_AUDIT_ACTIONS.secondFactorFailed);
      this.logger.warn(`Wrong staff second-factor code from ${clientIp ?? 'unknown'}`);
      // The attempt after the one that reaches the limit is the one refused, as for passwords.
      await Promise.all(keys.map(([limit, key]) => this.failures.recordFailure(limit, key)));
      return null;
    }
    await entry(LOGIN_AUDIT_ACTIONS.succeeded, { secondFactor: outcome.method });
    await Promise.all(keys.map(([limit, key]) => this.failures.clear(limit, key)));
    return outcome;
  }

  /**
   * Seconds until the attempt may be made (0: now): too many failures for this email from this
   * IP, or for this email from everywhere, since its last success in the window; or failures on
   * too many emails from this IP. A blocking set frees up when its newest failure leaves the window.
   */
  private async throttledFor(
    manager: EntityManager,
    email: string,
    ip: string | null,
  ): Promise<number> {
    const now = this.clock.now().getTime();
    const since = new Date(now - LOGIN_THROTTLE.windowMs);
    const [counts] = await manager.query<
      {
        by_email_ip: number;
        by_email_ip_newest: Date | null;
        by_email: number;
        by_email_newest: Date | null;
        emails_by_ip: number;
        by_ip_newest: Date | null;
      }[]
    >(
      `WITH failures AS (
         SELECT ip, at FROM audit_log
          WHERE staff_email = $1 AND action = $3 AND at > $2
            AND at > COALESCE((SELECT max(at) FROM audit_log
                                WHERE staff_email = $1 AND action = ANY($4)), '-infinity')),
       by_ip AS (SELECT staff_email, at FROM audit_log WHERE ip = $5 AND action = $3 AND at > $2)
       SELECT
         (SELECT count(*)::int FROM failures WHERE ip IS NOT DISTINCT FROM $5) AS by_email_ip,
         (SELECT max(at) FROM failures WHERE ip IS NOT DISTINCT FROM $5) AS by_email_ip_newest,
         (SELECT count(*)::int FROM failures) AS by_email,
         (SELECT max(at) FROM failures) AS by_email_newest,
         (SELECT count(DISTINCT staff_email)::int FROM by_ip) AS emails_by_ip,
         (SELECT max(at) FROM by_ip) AS by_ip_newest`,
      [
        email,
        since,
        LOGIN_AUDIT_ACTIONS.failed,
        [LOGIN_AUDIT_ACTIONS.succeeded, LOGIN_AUDIT_ACTIONS.passwordAccepted],
        ip,
      ],
    );
    const blockedUntil = [
      counts.by_email_ip >= LOGIN_THROTTLE.failuresPerEmailAndIp ? counts.by_email_ip_newest : null,
      counts.by_email >= LOGIN_THROTTLE.failuresPerEmail ? counts.by_email_newest : null,
      counts.emails_by_ip >= LOGIN_THROTTLE.emailsFailedPerIp ? counts.by_ip_newest : null,
    ]
      .filter((newest): newest is Date => newest !== null)
      .map((newest) => new Date(newest).getTime() + LOGIN_THROTTLE.windowMs);
    if (blockedUntil.length === 0) return 0;
    return Math.max(1, Math.ceil((Math.max(...blockedUntil) - now) / 1000));
  }
}
