import { Column } from 'typeorm';
import type { ShippingMethod } from '../../../shipping/shipping-method';

/** How the fapiao reaches the customer (embedded as `shipping_*` columns). */
export class ApplicationShipping {
  @Column({ type: 'varchar', length: 32 })
  method: ShippingMethod;

  @Column({ type: 'varchar', length: 100, nullable: true })
  recipient: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  phone: string | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  province: string | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  city: string | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  district: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  address: string | null;

  @Column({ type: 'varchar', length: 6, nullable: true })
  postalCode: string | null;

  /** `email` delivery: the addresses the fapiao's files go to. */
  @Column({ type: 'varchar', length: 254, array: true, nullable: true })
  deliveryEmails: string[] | null;
}
