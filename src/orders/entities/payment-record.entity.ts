import {
  BaseEntity,
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Order } from './order.entity';

/**
 * The payment for an order, pushed by the payment platform about three days after the order.
 * Until it has synced, the bill cannot be applied for. One payment per order (its amount must be
 * the order's), and each payment reference is recorded once.
 */
@Entity('payment_records')
@Check('ck_payment_records_amount_fen_positive', '"amount_fen" > 0')
export class PaymentRecord extends BaseEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('uq_payment_records_order_id', { unique: true })
  @Column({ type: 'uuid' })
  orderId: string;

  // Many-to-one in TypeORM's terms; uq_payment_records_order_id makes it one per order.
  @ManyToOne(() => Order, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'order_id', foreignKeyConstraintName: 'fk_payment_records_order_id' })
  order?: Order;

  @Index('uq_payment_records_payment_reference', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  paymentReference: string;

  @Column({ type: 'varchar', length: 200 })
  payerName: string;

  @Column({ type: 'bigint' })
  amountFen: number;

  @Column({ type: 'timestamptz' })
  paidAt: Date;

  /** When the push reached us (the injected clock): "synced". */
  @Column({ type: 'timestamptz' })
  syncedAt: Date;

  /** SHA-256 of the canonical push body (see Order.pushHash). */
  @Column({ type: 'char', length: 64, select: false })
  pushHash: string;
}
