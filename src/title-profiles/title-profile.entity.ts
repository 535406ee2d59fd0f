import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { TitleProfileKind } from './title-profile-kind';

/** The index that keeps one default title per customer (mapped to a retry, then 409). */
export const ONE_DEFAULT_PROFILE_INDEX = 'uq_title_profiles_customer_id_default';

/** A fapiao title a customer (company) saved to apply with again (抬头管理). */
@Entity('title_profiles')
@Check('ck_title_profiles_kind', `"kind" IN ('company', 'individual')`)
@Index(ONE_DEFAULT_PROFILE_INDEX, ['customerId'], { unique: true, where: '"is_default"' })
@Index('ix_title_profiles_customer_id_created_at', ['customerId', 'createdAt'])
export class TitleProfile {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The customer (tenant) whose accounts share the profile; no foreign key across modules. */
  @Column({ type: 'uuid' })
  customerId: string;

  @Column({ type: 'varchar', length: 16 })
  kind: TitleProfileKind;

  @Column({ type: 'varchar', length: 200 })
  buyerName: string;

  @Column({ type: 'varchar', length: 20, nullable: true })
  taxId: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  address: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  phone: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  bankName: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  bankAccount: string | null;

  @Column({ type: 'boolean', default: false })
  isDefault: boolean;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  updatedAt: Date;
}
