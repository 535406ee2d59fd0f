import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export enum TokenPurpose {
  ACTIVATION = 'activation',
  PASSWORD_RESET = 'password_reset',
  EMAIL_CHANGE = 'email_change',
  /** A mailed sign-in link (the way in while password sign-in is locked). */
  SIGN_IN = 'sign_in',
}

/**
 * A one-time link token. Only the SHA-256 of the random token is stored; `used_at` is set by the
 * single guarded UPDATE that consumes it, `revoked_at` when a newer token of the purpose replaces it.
 */
@Entity('account_tokens')
@Index('idx_account_tokens_account_purpose', ['accountId', 'purpose'])
export class AccountToken {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  accountId: string;

  @Column({ type: 'enum', enum: TokenPurpose, enumName: 'account_token_purpose' })
  purpose: TokenPurpose;

  /** Hex SHA-256 of the token. */
  @Index('uq_account_tokens_hash', { unique: true })
  @Column({ type: 'char', length: 64 })
  tokenHash: string;

  /** For email changes: the address being confirmed. */
  @Column({ type: 'varchar', length: 254, nullable: true })
  newEmail: string | null;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  usedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  /** From `Clock` (not `now()`): the one-mail-per-minute rule compares against it. */
  @Column({ type: 'timestamptz' })
  createdAt: Date;
}
