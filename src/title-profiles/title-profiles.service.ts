import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthenticatedCustomer } from '../auth/customer/current-customer.decorator';
import { Clock } from '../common/time/clock';
import type { FapiaoTitle } from '../fapiao/titles/fapiao-title';
import { isUniqueViolation } from '../fapiao/unique-violation';
import type {
  CreateTitleProfileDto,
  TitleProfileDto,
  UpdateTitleProfileDto,
} from './dto/title-profile.dto';
import { ONE_DEFAULT_PROFILE_INDEX, TitleProfile } from './title-profile.entity';
import { normaliseProfileTitle, titleProfileErrors } from './title-profile-rules';
import { TitleProfileFields, TitleProfilesRepository } from './title-profiles.repository';
import { TitleProfileException } from './title-profiles.exception';

/** How many titles one customer keeps: enough for its branches, few enough to pick from. */
export const MAX_TITLE_PROFILES = 20;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The customer's saved fapiao titles (抬头管理), shared by the company's accounts. */
@Injectable()
export class TitleProfilesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly profiles: TitleProfilesRepository,
    private readonly clock: Clock,
  ) {}

  async list(customer: AuthenticatedCustomer): Promise<TitleProfileDto[]> {
    const rows = await this.profiles.listForCustomer(this.dataSource.manager, customer.customerId);
    return rows.map(toTitleProfileDto);
  }

  async get(customer: AuthenticatedCustomer, id: string): Promise<TitleProfileDto> {
    return toTitleProfileDto(await this.own(customer, id));
  }

  /** The title applying starts from (none when the customer keeps no default). */
  async defaultTitle(customer: AuthenticatedCustomer): Promise<FapiaoTitle | null> {
    const row = await this.profiles.findDefault(this.dataSource.manager, customer.customerId);
    return row ? titleOf(row) : null;
  }

  async create(
    customer: AuthenticatedCustomer,
    input: CreateTitleProfileDto,
  ): Promise<TitleProfileDto> {
    const title = checked(input.kind, input.title);
    return this.write(async (manager) => {
      await this.profiles.lockCustomer(manager, customer.customerId);
      const count = await this.profiles.countForCustomer(manager, customer.customerId);
      if (count >= MAX_TITLE_PROFILES) throw TitleProfileException.limit(MAX_TITLE_PROFILES);
      const isDefault =
        input.isDefault === true ||
        !(await this.profiles.findDefault(manager, customer.customerId));
      if (isDefault) await this.profiles.clearDefault(manager, customer.customerId);
      const row = await this.profiles.insert(
        manager,
        customer.customerId,
        fieldsOf(input.kind, title, isDefault),
        this.clock.now(),
      );
      return toTitleProfileDto(row);
    });
  }

  async update(
    customer: AuthenticatedCustomer,
    id: string,
    input: UpdateTitleProfileDto,
  ): Promise<TitleProfileDto> {
    const profile = await this.own(customer, id);
    const kind = input.kind ?? profile.kind;
    const title = checked(kind, input.title ?? titleOf(profile));
    return this.write(async (manager) => {
      await this.profiles.lockCustomer(manager, customer.customerId);
      const current = await this.profiles.findOwn(manager, customer.customerId, profile.id);
      if (!current) throw TitleProfileException.notFound(id);
      const isDefault = input.isDefault ?? current.isDefault;
      if (isDefault) await this.profiles.clearDefault(manager, customer.customerId, current.id);
      const row = await this.profiles.update(
        manager,
        current,
        fieldsOf(kind, title, isDefault),
        this.clock.now(),
      );
      return toTitleProfileDto(row);
    });
  }

  /** Deleting the default makes the newest remaining title the default. */
  async remove(customer: AuthenticatedCustomer, id: string): Promise<void> {
    await this.write(async (manager) => {
      await this.profiles.lockCustomer(manager, customer.customerId);
      const current = await this.profiles.findOwn(manager, customer.customerId, ownId(id));
      if (!current) throw TitleProfileException.notFound(id);
      await this.profiles.delete(manager, current);
      if (current.isDefault) await this.profiles.promoteNewest(manager, customer.customerId);
    });
  }

  private async own(customer: AuthenticatedCustomer, id: string): Promise<TitleProfile> {
    const row = await this.profiles.findOwn(
      this.dataSource.manager,
      customer.customerId,
      ownId(id),
    );
    if (!row) throw TitleProfileException.notFound(id);
    return row;
  }

  private async write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.dataSource.transaction(work);
    } catch (error) {
      // The advisory lock serialises a customer's writes; the index is the last guard.
      if (isUniqueViolation(error, ONE_DEFAULT_PROFILE_INDEX))
        throw TitleProfileException.conflict();
      throw error;
    }
  }
}

/** An id that cannot exist is simply not found (and never reaches PostgreSQL as a bad uuid). */
function ownId(id: string): string {
  if (!UUID.test(id)) throw TitleProfileException.notFound(id.slice(0, 64));
  return id.toLowerCase();
}

function checked(kind: TitleProfile['kind'], title: FapiaoTitle): FapiaoTitle {
  const errors = titleProfileErrors(kind, title);
  if (errors.length > 0) throw TitleProfileException.invalid(errors);
  return normaliseProfileTitle(title);
}

function fieldsOf(
  kind: TitleProfile['kind'],
  title: FapiaoTitle,
  isDefault: boolean,
): TitleProfileFields {
  return {
    kind,
    buyerName: title.buyerName,
    taxId: title.taxId ?? null,
    address: title.address ?? null,
    phone: title.phone ?? null,
    bankName: title.bankName ?? null,
    bankAccount: title.bankAccount ?? null,
    isDefault,
  };
}

function titleOf(row: TitleProfile): FapiaoTitle {
  return {
    buyerName: row.buyerName,
    taxId: row.taxId,
    address: row.address,
    phone: row.phone,
    bankName: row.bankName,
    bankAccount: row.bankAccount,
  };
}

export function toTitleProfileDto(row: TitleProfile): TitleProfileDto {
  const title = Object.fromEntries(
    Object.entries(titleOf(row)).filter(([, value]) => value !== null && value !== undefined),
  ) as TitleProfileDto['title'];
  return {
    id: row.id,
    kind: row.kind,
    title,
    isDefault: row.isDefault,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
