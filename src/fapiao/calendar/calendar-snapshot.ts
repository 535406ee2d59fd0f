import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DatabaseNotifications } from '../../database/database-notifications';
import { NotifiedInvalidation } from '../../database/notified-invalidation';
import type { CalendarDayEntry } from './calendar-day-kind';
import type { OfficialCalendar } from './working-day-calendar';

/** Sent by statement triggers on calendar_years and calendar_days (see their migration). */
export const CALENDAR_CHANGED_CHANNEL = 'calendar_changed';

/** A few dozen rows a year: the whole official calendar is one small read. */
const OFFICIAL_CALENDAR = `SELECT (SELECT json_agg(json_build_object('year', year, 'notice', notice))
             FROM calendar_years WHERE status = 'official') AS years,
          (SELECT json_agg(json_build_object('date', to_char(date, 'YYYY-MM-DD'),
                                             'kind', kind, 'name', name))
             FROM calendar_days) AS days`;

interface OfficialCalendarRow {
  years: { year: number; notice: string | null }[] | null;
  days: CalendarDayEntry[] | null;
}

/**
 * The official years and their days, read on every confirmation for its due date. Kept in
 * memory while this instance LISTENs for `calendar_changed` (a trigger notifies every instance
 * on commit of any change, whoever writes it); while the listener is down every call reads the
 * tables, and a read that raced with a change is used once and not kept (NotifiedInvalidation).
 */
@Injectable()
export class CalendarSnapshot implements OnModuleInit {
  private snapshot?: OfficialCalendar;
  private readonly invalidation = new NotifiedInvalidation(
    CALENDAR_CHANGED_CHANNEL,
    () => (this.snapshot = undefined),
  );

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: DatabaseNotifications,
  ) {}

  onModuleInit(): void {
    this.invalidation.subscribe(this.notifications);
  }

  /** The official calendar as committed. */
  async current(): Promise<OfficialCalendar> {
    if (this.snapshot) return this.snapshot;
    const generation = this.invalidation.currentGeneration();
    const official = await this.read(this.dataSource);
    if (this.invalidation.mayKeep(generation)) this.snapshot = official;
    return official;
  }

  /** The official calendar as `target` sees it (inside a transaction: with its own changes). */
  async read(target: DataSource | EntityManager): Promise<OfficialCalendar> {
    const [row] = await target.query<OfficialCalendarRow[]>(OFFICIAL_CALENDAR);
    return {
      years: new Map((row?.years ?? []).map(({ year, notice }) => [year, notice])),
      days: new Map((row?.days ?? []).map((day) => [day.date, day])),
    };
  }
}
