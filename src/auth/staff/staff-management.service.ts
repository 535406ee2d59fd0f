import { Injectable } from '@nestjs/common';
import { isEmail } from 'class-validator';
import { EntityManager, QueryFailedError } from 'typeorm';
import { FieldError } from '../../common/errors/problem.exception';
import { Clock } from '../../common/time/clock';
import { PasswordHasher } from '../passwords/password-hasher';
import { StaffRole } from './staff-role';
import {
  StaffManagementErrorCode as Code,
  StaffManagementException,
} from './staff-management.exception';

export const STAFF_PASSWORD_MIN_LENGTH = 12;
const STAFF_PASSWORD_MAX_LENGTH = 200;

export interface NewStaff {
  email: string;
  displayName: string;
  role: StaffRole;
  password: string;
}

/** What the audit log may keep of a staff account: never the hash. */
export interface StaffSnapshot {
  id: string;
  email: string;
  displayName: string;
  role: StaffRole;
  active: boolean;
}

/**
 * Staff accounts as admins manage them in the back office. Every method takes the caller's
 * transaction so the change and its audit-log entry commit together.
 */
@Injectable()
export class StaffManagementService {
  constructor(
    private readonly passwords: PasswordHasher,
    private readonly clock: Clock,
  ) {}

  async createStaff(manager: EntityManager, input: NewStaff): Promise<StaffSnapshot> {
    const email = (input.email ?? '').trim().toLowerCase();
    const displayName = (input.displayName ?? '').trim();
    const errors: FieldError[] = [];
    if (!isEmail(email) || email.length > 254) {
      errors.push({ field: 'email', message: 'must be a valid email address' });
    }
    if (displayName.length < 1 || displayName.length > 100) {
      errors.push({ field: 'displayName', message: 'must be 1 to 100 characters' });
    }
    if (!Object.values(StaffRole).includes(input.role)) {
      errors.push({
        field: 'role',
        message: `must be one of ${Object.values(StaffRole).join(', ')}`,
      });
    }
    errors.push(...checkPassword(input.password));
    if (errors.length) throw invalid(errors);

    const passwordHash = await this.passwords.hash(input.password);
    try {
      const [row] = await manager.query<StaffSnapshot[]>(
        `INSERT INTO staff_users (email, display_name, password_hash, role, active, created_at, updated_at)
         VALUES ($1, $2, $3, $4, true, $5, $5)
         RETURNING id, email, display_name AS "displayName", role, active`,
        [email, displayName, passwordHash, input.role, this.clock.now()],
      );
      return row;
    } catch (error) {
      if (isUniqueViolation(error, 'uq_staff_users_email')) {
        throw new StaffManagementException(
          Code.STAFF_EMAIL_TAKEN,
          `A staff account with the email ${email} already exists.`,
          [{ field: 'email', message: 'is already used by another staff account' }],
        );
      }
      throw error;
    }
  }

  async setPassword(
    manager: EntityManager,
    staffId: string,
    password: string,
  ): Promise<StaffSnapshot> {
    const errors = checkPassword(password);
    if (errors.length) throw invalid(errors);
    const passwordHash = await this.passwords.hash(password);
    const [rows] = await manager.query<[StaffSnapshot[], number]>(
      `UPDATE staff_users SET password_hash = $2, updated_at = $3 WHERE id = $1
       RETURNING id, email, display_name AS "displayName", role, active`,
      [staffId, passwordHash, this.clock.now()],
    );
    if (!rows[0]) throw notFound(staffId);
    return rows[0];
  }

  /**
   * Disables or enables an account. Refuses to disable yourself or the last active admin; the
   * active admins are locked first so two admins disabling each other cannot both succeed.
   * Returns the account before and after.
   */
  async setActive(
    manager: EntityManager,
    staffId: string,
    active: boolean,
    actorId: string,
  ): Promise<{ before: StaffSnapshot; after: StaffSnapshot }> {
    if (!active && staffId === actorId) {
      throw new StaffManagementException(
        Code.STAFF_SELF_DISABLE,
        'You cannot disable your own account.',
      );
    }
    const activeAdmins = await manager.query<{ id: string }[]>(
      `SELECT id FROM staff_users WHERE role = 'admin' AND active ORDER BY id FOR UPDATE`,
    );
    const before = await this.snapshot(manager, staffId);
    if (before.active === active) {
      throw new StaffManagementException(
        Code.STAFF_ALREADY_IN_STATE,
        `The account ${before.email} is already ${active ? 'enabled' : 'disabled'}.`,
      );
    }
    if (!active && before.role === StaffRole.ADMIN && activeAdmins.length <= 1) {
      throw new StaffManagementException(
        Code.STAFF_LAST_ADMIN,
        'The last active admin cannot be disabled.',
      );
    }
    const [rows] = await manager.query<[StaffSnapshot[], number]>(
      `UPDATE staff_users SET active = $2, updated_at = $4 WHERE id = $1 AND active = $3
       RETURNING id, email, display_name AS "displayName", role, active`,
      [staffId, active, !active, this.clock.now()],
    );
    if (!rows[0]) {
      throw new StaffManagementException(
        Code.STAFF_ALREADY_IN_STATE,
        'The account changed meanwhile.',
      );
    }
    return { before, after: rows[0] };
  }

  /**
   * Clears a staff member's two-factor set-up (a lost phone, used-up recovery codes): the next
   * sign-in enrols again. Not for your own account, so a stolen session cannot swap the device.
   * The enrolment time is returned for the audit log, never the secret or the codes.
   */
  async resetTwoFactor(
    manager: EntityManager,
    staffId: string,
    actorId: string,
  ): Promise<{ email: string; enrolledAt: Date }> {
    if (staffId === actorId) {
      throw new StaffManagementException(
        Code.STAFF_SELF_TWO_FACTOR_RESET,
        'You cannot reset your own two-factor sign-in: ask another admin.',
      );
    }
    const before = await this.snapshot(manager, staffId);
    const [rows] = await manager.query<[{ enrolledAt: Date }[], number]>(
      `UPDATE staff_users AS s
          SET totp_secret_encrypted = NULL, totp_enrolled_at = NULL, totp_last_time_step = NULL,
              recovery_code_hashes = '{}', updated_at = $2
         FROM (SELECT id, totp_enrolled_at FROM staff_users WHERE id = $1 FOR UPDATE) AS old
        WHERE s.id = old.id AND old.totp_enrolled_at IS NOT NULL
        RETURNING old.totp_enrolled_at AS "enrolledAt"`,
      [staffId, this.clock.now()],
    );
    if (!rows[0]) {
      throw new StaffManagementException(
        Code.STAFF_NOT_ENROLLED,
        `The account ${before.email} has no two-factor sign-in set up.`,
      );
    }
    return { email: before.email, enrolledAt: rows[0].enrolledAt };
  }

  async snapshot(manager: EntityManager, staffId: string): Promise<StaffSnapshot> {
    const [row] = await manager.query<StaffSnapshot[]>(
      `SELECT id, email, display_name AS "displayName", role, active FROM staff_users WHERE id = $1`,
      [staffId],
    );
    if (!row) throw notFound(staffId);
    return row;
  }
}

function checkPassword(password: unknown): FieldError[] {
  if (typeof password !== 'string' || password.length < STAFF_PASSWORD_MIN_LENGTH) {
    return [
      { field: 'password', message: `must be at least ${STAFF_PASSWORD_MIN_LENGTH} characters` },
    ];
  }
  if (password.length > STAFF_PASSWORD_MAX_LENGTH) {
    return [
      { field: 'password', message: `must be at most ${STAFF_PASSWORD_MAX_LENGTH} characters` },
    ];
  }
  return [];
}

function invalid(errors: FieldError[]): StaffManagementException {
  return new StaffManagementException(
    Code.STAFF_INVALID,
    errors.map((e) => `${e.field} ${e.message}`).join('; '),
    errors,
  );
}

function notFound(staffId: string): StaffManagementException {
  return new StaffManagementException(Code.STAFF_NOT_FOUND, `No staff account ${staffId}.`);
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  const driverError =
    error instanceof QueryFailedError
      ? (error.driverError as { code?: string; constraint?: string })
      : undefined;
  return driverError?.code === '23505' && driverError.constraint === constraint;
}
