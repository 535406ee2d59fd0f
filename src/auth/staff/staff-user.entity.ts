import {
  BaseEntity,
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { StaffRole } from './staff-role';

/** A back-office user: service-centre staff, support, or an administrator. */
@Entity('staff_users')
// A sealed secret and its enrolment time are set and cleared together.
@Check(
  'chk_staff_users_totp_enrolled',
  `("totp_secret_encrypted" IS NULL) = ("totp_enrolled_at" IS NULL)`,
)
// AdminJS resources must extend BaseEntity.
export class StaffUser extends BaseEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stored lower-cased; unique. */
  @Index('uq_staff_users_email', { unique: true })
  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ type: 'varchar', length: 100 })
  displayName: string;

  @Column({ type: 'varchar', length: 255, select: false })
  passwordHash: string;

  @Column({ type: 'enum', enum: StaffRole, enumName: 'staff_role' })
  role: StaffRole;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  lastLoginAt: Date | null;

  /** The TOTP secret, sealed by TotpSecretCipher; never selected unless asked for. */
  @Column({ type: 'text', nullable: true, select: false })
  totpSecretEncrypted: string | null;

  /** When the staff member set up two-factor sign-in; null: not yet. */
  @Column({ type: 'timestamptz', nullable: true })
  totpEnrolledAt: Date | null;

  /** The last TOTP time step accepted: a code of it or before is not accepted again. */
  @Column({ type: 'integer', nullable: true, select: false })
  totpLastTimeStep: number | null;

  /** argon2 hashes of the unused recovery codes. */
  @Column({ type: 'text', array: true, default: () => "'{}'", select: false })
  recoveryCodeHashes: string[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
