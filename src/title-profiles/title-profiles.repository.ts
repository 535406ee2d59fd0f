import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TitleProfile } from './title-profile.entity';

export type TitleProfileFields = Pick<
  TitleProfile,
  'kind' | 'buyerName' | 'taxId' | 'address' | 'phone' | 'bankName' | 'bankAccount' | 'isDefault'
>;

/** The only code that reaches `title_profiles`; every write runs in the caller's transaction. */
@Injectable()
export class TitleProfilesRepository {
  /**
   * Serialises one customer's profile writes until the transaction ends, so the count limit and
   * the one default hold under concurrent requests (the unique index stays the last guard).
   */
  async lockCustomer(manager: EntityManager, customerId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
      `title_profiles:${customerId}`,
    ]);
  }

  /** The default first, then the newest. */
  listForCustomer(manager: EntityManager, customerId: string): Promise<TitleProfile[]> {
    return manager.getRepository(TitleProfile).find({
      where: { customerId },
      order: { isDefault: 'DESC', createdAt: 'DESC', id: 'ASC' },
    });
  }

  findOwn(manager: EntityManager, customerId: string, id: string): Promise<TitleProfile | null> {
    return manager.getRepository(TitleProfile).findOneBy({ id, customerId });
  }

  findDefault(manager: EntityManager, customerId: string): Promise<TitleProfile | null> {
    return manager.getRepository(TitleProfile).findOneBy({ customerId, isDefault: true });
  }

  countForCustomer(manager: EntityManager, customerId: string): Promise<number> {
    return manager.getRepository(TitleProfile).countBy({ customerId });
  }

  async insert(
    manager: EntityManager,
    customerId: string,
    fields: TitleProfileFields,
    now: Date,
  ): Promise<TitleProfile> {
    const repository = manager.getRepository(TitleProfile);
    return repository.save(
      repository.create({ ...fields, customerId, createdAt: now, updatedAt: now }),
    );
  }

  async update(
    manager: EntityManager,
    profile: TitleProfile,
    fields: TitleProfileFields,
    now: Date,
  ): Promise<TitleProfile> {
    await manager
      .getRepository(TitleProfile)
      .update({ id: profile.id, customerId: profile.customerId }, { ...fields, updatedAt: now });
    return Object.assign(profile, fields, { updatedAt: now });
  }

  /** No profile of the customer is the default any more (except `keepId`). */
  async clearDefault(manager: EntityManager, customerId: string, keepId?: string): Promise<void> {
    await manager.query(
      `UPDATE title_profiles SET is_default = false
        WHERE customer_id = $1 AND is_default AND ($2::uuid IS NULL OR id <> $2::uuid)`,
      [customerId, keepId ?? null],
    );
  }

  async delete(manager: EntityManager, profile: TitleProfile): Promise<void> {
    await manager
      .getRepository(TitleProfile)
      .delete({ id: profile.id, customerId: profile.customerId });
  }

  /** The newest remaining profile becomes the default (none when none remain). */
  async promoteNewest(manager: EntityManager, customerId: string): Promise<void> {
    await manager.query(
      `UPDATE title_profiles SET is_default = true
        WHERE id = (SELECT id FROM title_profiles WHERE customer_id = $1
                     ORDER BY created_at DESC, id LIMIT 1)`,
      [customerId],
    );
  }
}
