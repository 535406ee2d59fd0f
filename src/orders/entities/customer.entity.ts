import {
  BaseEntity,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

/**
 * A tenant: the shop's customer as the payment platform knows it. Accounts belong to a customer,
 * and a customer sees the orders placed under its `externalId`.
 */
@Entity('customers')
// AdminJS resources must extend BaseEntity.
export class Customer extends BaseEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The payment platform's id for the customer; the key pushes are matched on. */
  @Index('uq_customers_external_id', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  externalId: string;

  /** As last pushed by the payment platform. */
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
