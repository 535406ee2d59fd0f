import {
  BaseEntity,
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { Locale } from '../../common/locale';
import { Customer } from './customer.entity';

export interface OrderItem {
  description: string;
  amountFen: number;
}

/**
 * An order pushed by the payment platform: the "bill" a customer applies for a fapiao against.
 * The fapiao columns mirror the bill's current application (kept by the fapiao module's
 * transactions through `BillingRecordsService.recordApplicationStatus`), so billing records are read
 * without joins into the fapiao module's tables.
 */
@Entity('orders')
@Check('ck_orders_amount_fen_positive', '"amount_fen" > 0')
@Check('ck_orders_currency_cny', `"currency" = 'CNY'`)
// Billing records: one customer's orders, newest first (scanned backwards).
@Index('ix_orders_customer_id_ordered_at', ['customerId', 'orderedAt', 'id'])
export class Order extends BaseEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('uq_orders_order_number', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  orderNumber: string;

  @Column({ type: 'uuid' })
  customerId: string;

  @ManyToOne(() => Customer, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'customer_id', foreignKeyConstraintName: 'fk_orders_customer_id' })
  customer?: Customer;

  @Column({ type: 'varchar', length: 254 })
  contactEmail: string;

  @Column({ type: 'varchar', length: 5 })
  locale: Locale;

  @Column({ type: 'jsonb' })
  items: OrderItem[];

  @Column({ type: 'bigint' })
  amountFen: number;

  @Column({ type: 'varchar', length: 3, default: 'CNY' })
  currency: 'CNY';

  @Column({ type: 'timestamptz' })
  orderedAt: Date;

  /** SHA-256 of the canonical push body: a replay is a no-op, a different body a conflict. */
  @Column({ type: 'char', length: 64, select: false })
  pushHash: string;

  /** The application currently shown for this bill (see BillingRecordsService). */
  @Column({ type: 'uuid', nullable: true })
  fapiaoApplicationId: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  fapiaoStatus: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
