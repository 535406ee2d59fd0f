import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DatabaseNotifications } from '../../database/database-notifications';
import { NotifiedInvalidation } from '../../database/notified-invalidation';
import { PreparedStatement } from '../../database/prepared-statement';

/** Sent by a statement trigger on calendar_overrides (see its migration). */
export const CALENDAR_OVERRIDES_CHANGED_CHANNEL = 'calendar_overrides_changed';

/** A few dozen rows a year: the whole table is one small read. */
const ALL_OVERRIDES = new PreparedStatement<{ date: string; working: boolean }>(
  `SELECT to_char(date, 'YYYY-MM-DD') AS date, working FROM calendar_overrides`,
);

/**
 * The staff overrides of the working-day calendar (date → working), read on every confirmation
 * for its due date. Kept in memory while this instance LISTENs for `calendar_overrides_changed`
 * (a trigger notifies every instance on commit of any change, whoever writes it), so a
 * confirmation costs one database round trip less. While the listener is down every call reads
 * the table, and a read that raced with a change is used once and not kept (NotifiedInvalidation).
 */
@Injectable()
export class CalendarOverrides implements OnModuleInit {
  private snapshot?: ReadonlyMap<string, boolean>;
  private readonly invalidation = new NotifiedInvalidation(
    CALENDAR_OVERRIDES_CHANGED_CHANNEL,
    () => (this.snapshot = undefined),
  );

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: DatabaseNotifications,
  ) {}

  onModuleInit(): void {
    this.invalidation.subscribe(this.notifications);
  }

  /** Every override, by ISO date. */
  async all(): Promise<ReadonlyMap<string, boolean>> {
    if (this.snapshot) return this.snapshot;
    const generation = this.invalidation.currentGeneration();
    const rows = await ALL_OVERRIDES.run(this.dataSource, []);
    const overrides = new Map(rows.map((r) => [r.date, r.working]));
    if (this.invalidation.mayKeep(generation)) this.snapshot = overrides;
    return overrides;
  }
}
