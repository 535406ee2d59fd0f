import { Column } from 'typeorm';

/** The buyer printed on the fapiao (embedded as `title_*` columns). */
export class ApplicationTitle {
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
}
