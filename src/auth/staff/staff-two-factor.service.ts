import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { toDataURL } from 'qrcode';
import { randomInt } from 'node:crypto';
import { EntityManager, Repository } from 'typeorm';
import { Clock } from '../../common/time/clock';
import { AppConfig } from '../../config/app-config';
import { PasswordHasher } from '../passwords/password-hasher';
import { StaffUser } from './staff-user.entity';
import { base32, newTotpSecret, totpTimeStep, totpUri } from './totp';
import { TotpSecretCipher } from './totp-secret-cipher';

export const RECOVERY_CODE_COUNT = 10;
/** The name authenticator apps show above the account. */
export const TOTP_ISSUER = 'Fapiao Service Centre';
/** One period either side of now, for clocks a little apart. */
const TOTP_TOLERANCE_SECONDS = 30;
/** Letters and digits that cannot be mistaken for one another. */
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** What the enrolment page shows; `sealedSecret` waits in the session until a code confirms it. */
export interface TotpEnrolment {
  secret: string;
  sealedSecret: string;
  otpauthUri: string;
  qrCodeDataUrl: string;
}

export type SecondFactorMethod = 'totp' | 'recovery_code';

/** Recovery codes compare without case, spaces or dashes. */
function normaliseRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]/g, '');
}

function newRecoveryCode(): string {
  const chars = Array.from(
    { length: 10 },
    () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)],
  );
  return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`;
}

/**
 * Staff two-factor sign-in: TOTP (RFC 6238, through otplib) with recovery codes. Secrets are
 * sealed at rest; each accepted code moves the last used time step forward in one guarded
 * UPDATE, so a code (or an older one) is accepted once, even by two instances at the same time.
 */
@Injectable()
export class StaffTwoFactorService {
  private readonly cipher: TotpSecretCipher;

  constructor(
    @InjectRepository(StaffUser) private readonly staff: Repository<StaffUser>,
    private readonly passwords: PasswordHasher,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {
    this.cipher = new TotpSecretCipher(config.staffTotpKey);
  }

  /** Whether every staff member must sign in with a second factor. */
  get required(): boolean {
    return this.config.staffTwoFactorRequired;
  }

  async isEnrolled(staffId: string, manager: EntityManager = this.staff.manager): Promise<boolean> {
    const user = await manager
      .getRepository(StaffUser)
      .findOne({ where: { id: staffId }, select: { id: true, totpEnrolledAt: true } });
    return user?.totpEnrolledAt != null;
  }

  /** A new secret for this staff member, not stored until confirmEnrolment. */
  startEnrolment(staff: { id: string; email: string }): Promise<TotpEnrolment> {
    return this.enrolmentFor(staff, this.cipher.seal(newTotpSecret(), staff.id));
  }

  /** The enrolment page's content for a secret started earlier (kept sealed in the session). */
  async enrolmentFor(
    staff: { id: string; email: string },
    sealedSecret: string,
  ): Promise<TotpEnrolment> {
    const secret = this.cipher.open(sealedSecret, staff.id);
    const otpauthUri = totpUri(TOTP_ISSUER, staff.email, secret);
    const qrCodeDataUrl = await toDataURL(otpauthUri, { errorCorrectionLevel: 'M', margin: 2 });
    return { secret, sealedSecret, otpauthUri, qrCodeDataUrl };
  }

  /**
   * Stores the secret once a code from the app proves it was set up, with fresh recovery codes
   * (returned in clear this once). Null for a wrong code, or when the account has enrolled since.
   */
  async confirmEnrolment(
    staffId: string,
    sealedSecret: string,
    code: string,
  ): Promise<string[] | null> {
    const secret = this.cipher.open(sealedSecret, staffId);
    const timeStep = await this.matchingTimeStep(secret, code, null);
    if (timeStep === null) return null;
    const recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    const hashes = await Promise.all(
      recoveryCodes.map((recovery) => this.passwords.hash(normaliseRecoveryCode(recovery))),
    );
    const result = await this.staff
      .createQueryBuilder()
      .update(StaffUser)
      .set({
        totpSecretEncrypted: sealedSecret,
        totpEnrolledAt: this.clock.now(),
        totpLastTimeStep: timeStep,
        recoveryCodeHashes: hashes,
      })
      .where('id = :staffId AND totp_enrolled_at IS NULL', { staffId })
      .execute();
    return result.affected === 1 ? recoveryCodes : null;
  }

  /** Enrols with a known secret and no recovery codes: the demo staff's set-up. */
  async enrolWithSecret(
    staffId: string,
    secret: string,
    manager: EntityManager = this.staff.manager,
  ) {
    // Throws for a key that is not base32, which no app could take either.
    base32.decode(secret);
    await manager.getRepository(StaffUser).update(
      { id: staffId },
      {
        totpSecretEncrypted: this.cipher.seal(secret, staffId),
        totpEnrolledAt: this.clock.now(),
        totpLastTimeStep: null,
      },
    );
  }

  /** How the code was accepted, or null: wrong, used already, or the account is not enrolled. */
  async verify(staffId: string, rawCode: string): Promise<SecondFactorMethod | null> {
    const code = rawCode.trim().replace(/\s/g, '');
    const user = await this.staff
      .createQueryBuilder('staff')
      .addSelect([
        'staff.totpSecretEncrypted',
        'staff.totpLastTimeStep',
        'staff.recoveryCodeHashes',
      ])
      .where('staff.id = :staffId', { staffId })
      .getOne();
    if (!user?.totpSecretEncrypted) return null;
    if (/^\d{6}$/.test(code)) {
      const secret = this.cipher.open(user.totpSecretEncrypted, staffId);
      const timeStep = await this.matchingTimeStep(secret, code, user.totpLastTimeStep);
      if (timeStep === null) return null;
      const used = await this.staff
        .createQueryBuilder()
        .update(StaffUser)
        .set({ totpLastTimeStep: timeStep })
        .where('id = :staffId', { staffId })
        .andWhere('(totp_last_time_step IS NULL OR totp_last_time_step < :timeStep)', { timeStep })
        .execute();
      return used.affected === 1 ? 'totp' : null;
    }
    return this.useRecoveryCode(staffId, normaliseRecoveryCode(code), user.recoveryCodeHashes);
  }

  /** How many unused recovery codes the staff member has left. */
  async recoveryCodesLeft(staffId: string): Promise<number> {
    const user = await this.staff
      .createQueryBuilder('staff')
      .addSelect('staff.recoveryCodeHashes')
      .where('staff.id = :staffId', { staffId })
      .getOne();
    return user?.recoveryCodeHashes.length ?? 0;
  }

  private async useRecoveryCode(
    staffId: string,
    code: string,
    hashes: string[],
  ): Promise<SecondFactorMethod | null> {
    if (code.length === 0 || code.length > 64) return null;
    for (const hash of hashes) {
      if (!(await this.passwords.verify(hash, code))) continue;
      // Removed in the same statement that checks it is still there: used once, also in a race.
      const used = await this.staff
        .createQueryBuilder()
        .update(StaffUser)
        .set({ recoveryCodeHashes: () => 'array_remove(recovery_code_hashes, :hash)' })
        .where('id = :staffId AND :hash = ANY(recovery_code_hashes)', { staffId, hash })
        .execute();
      return used.affected === 1 ? 'recovery_code' : null;
    }
    return null;
  }

  /** The time step the code belongs to, if it is valid now and later than `afterTimeStep`. */
  private async matchingTimeStep(
    secret: string,
    code: string,
    afterTimeStep: number | null,
  ): Promise<number | null> {
    const token = code.trim().replace(/\s/g, '');
    if (!/^\d{6}$/.test(token)) return null;
    return totpTimeStep({
      secret,
      code: token,
      epochSeconds: Math.floor(this.clock.now().getTime() / 1000),
      toleranceSeconds: TOTP_TOLERANCE_SECONDS,
      afterTimeStep,
    });
  }
}
