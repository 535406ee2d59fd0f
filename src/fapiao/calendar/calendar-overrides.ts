import { Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { PostgresDataSourceOptions } from 'typeorm/driver/postgres/PostgresDataSourceOptions';
import { PgChannelListener } from '../../database/pg-channel-listener';
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
 * confirmation costs one database round trip less; while the listener is down every call reads
 * the table. A read that raced with a change (a notification arrived while it ran) is used once
 * and not kept: every notification bumps a generation the read compares.
 */
@Injectable()
export class CalendarOverrides implements OnApplicationBootstrap, OnModuleDestroy {
  private snapshot?: ReadonlyMap<string, boolean>;
  private listener?: PgChannelListener;
  private listening = false;
  private generation = 0;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async onApplicationBootstrap(): Promise<void> {
    const url = (this.dataSource.options as PostgresDataSourceOptions).url;
    if (!url) return;
    this.listener = new PgChannelListener(url, CALENDAR_OVERRIDES_CHANGED_CHANNEL, {
      onNotification: () => this.forget(),
      onListening: () => {
        // Changes made before LISTEN took effect were never notified: start from the table.
        this.forget();
        this.listening = true;
      },
      onLost: () => {
        this.listening = false;
        this.forget();
      },
    });
    await this.listener.start();
  }

  async onModuleDestroy(): Promise<void> {
    this.listening = false;
    await this.listener?.stop();
  }

  /** Every override, by ISO date. */
  async all(): Promise<ReadonlyMap<string, boolean>> {
    if (this.snapshot) return this.snapshot;
    const generation = this.generation;
    const rows = await ALL_OVERRIDES.run(this.dataSource, []);
    const overrides = new Map(rows.map((r) => [r.date, r.working]));
    if (this.listening && generation === this.generation) this.snapshot = overrides;
    return overrides;
  }

  private forget(): void {
    this.generation++;
    this.snapshot = undefined;
  }
}
