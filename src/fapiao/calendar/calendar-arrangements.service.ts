import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../../common/time/clock';
import { staffActor, type StaffActor, SYSTEM_ACTOR } from '../applications/application-actor';
import {
  ApplicationDueDates,
  type DueDateRevisionOutcome,
} from '../applications/application-due-dates';
import { FapiaoException } from '../fapiao.exception';
import {
  type ArrangementDayInput,
  arrangementErrors,
  parseHolidayCn,
} from './calendar-arrangement';
import {
  type CalendarDayEntry,
  type CalendarYearStatus,
  FIRST_CALENDAR_YEAR,
  LAST_CALENDAR_YEAR,
} from './calendar-day-kind';
import { WorkingDaysService } from './working-days.service';

/** A year's draft before and after a change (what the audit log keeps). */
export interface DraftChange {
  year: number;
  status: CalendarYearStatus;
  before: CalendarDayEntry[] | null;
  after: CalendarDayEntry[];
}

export interface PublishOutcome extends DueDateRevisionOutcome {
  year: number;
  notice: string;
  days: number;
  /** The year's days before (null: it was provisional). */
  before: CalendarDayEntry[] | null;
}

export const MAX_NOTICE_LENGTH = 300;

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < FIRST_CALENDAR_YEAR || year > LAST_CALENDAR_YEAR) {
    throw FapiaoException.calendarDaysInvalid([
      {
        field: 'year',
        message: `year must be a year from ${FIRST_CALENDAR_YEAR} to ${LAST_CALENDAR_YEAR}`,
      },
    ]);
  }
}

interface YearRow {
  status: CalendarYearStatus;
  draft_days: CalendarDayEntry[] | null;
}

/**
 * How staff make a year official (back office, admins): enter its days or import a holiday-cn
 * file into the year's draft, then publish the draft with the notice's title or number. Only
 * publishing changes the calendar due dates use; it revises the open applications' due dates in
 * the same transaction. Each method runs in the caller's transaction (with its audit entry).
 */
@Injectable()
export class CalendarArrangements {
  constructor(
    private readonly clock: Clock,
    private readonly workingDays: WorkingDaysService,
    private readonly dueDates: ApplicationDueDates,
  ) {}

  /**
   * Adds days to the year's draft (a date given again replaces the drafted one). A year without
   * a draft starts from its official days, so a correction keeps the rest of the notice.
   */
  async enterDays(manager: EntityManager, inputs: ArrangementDayInput[]): Promise<DraftChange> {
    if (inputs.length === 0) {
      throw FapiaoException.calendarDaysInvalid([
        { field: 'holidays', message: 'enter at least one holiday or adjusted working day' },
      ]);
    }
    const entered = arrangementErrors(inputs);
    if (entered.errors.length > 0) throw FapiaoException.calendarDaysInvalid(entered.errors);
    const year = entered.year!;
    const row = await this.lockYear(manager, year);
    const start = row.draft_days ?? (await this.officialDays(manager, year, row.status));
    const byDate = new Map(start.map((day) => [day.date, day]));
    for (const day of entered.days) byDate.set(day.date, day);
    const after = [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
    await this.saveDraft(manager, year, after);
    return { year, status: row.status, before: row.draft_days, after };
  }

  /** Replaces the year's draft with the days of a holiday-cn year file. */
  async importHolidayCn(manager: EntityManager, text: string): Promise<DraftChange> {
    const { errors, file } = parseHolidayCn(text);
    if (!file) throw FapiaoException.calendarImportInvalid(errors);
    const row = await this.lockYear(manager, file.year);
    await this.saveDraft(manager, file.year, file.days);
    return { year: file.year, status: row.status, before: row.draft_days, after: file.days };
  }

  /** Drops the year's draft (the calendar stays as it is). */
  async discardDraft(manager: EntityManager, year: number): Promise<DraftChange> {
    checkYear(year);
    const row = await this.lockYear(manager, year);
    await manager.query(
      `UPDATE calendar_years SET draft_days = NULL, updated_at = $2 WHERE year = $1`,
      [year, this.clock.now()],
    );
    return { year, status: row.status, before: row.draft_days, after: [] };
  }

  /**
   * The year's draft becomes its official days, recorded with the notice; the open
   * applications' due dates are computed again on the new calendar.
   */
  async publish(
    manager: EntityManager,
    year: number,
    notice: string,
    staff: StaffActor,
  ): Promise<PublishOutcome> {
    checkYear(year);
    const title = notice.trim();
    if (title.length === 0 || title.length > MAX_NOTICE_LENGTH) {
      throw FapiaoException.calendarDaysInvalid([
        {
          field: 'notice',
          message: `notice must be the notice's title or number (1 to ${MAX_NOTICE_LENGTH} characters)`,
        },
      ]);
    }
    const row = await this.lockYear(manager, year);
    const draft = row.draft_days;
    if (!draft || !draft.some((day) => day.kind === 'holiday')) {
      throw FapiaoException.calendarNothingToPublish(year);
    }
    // Drafts carried over from the former overrides were never checked.
    const { errors } = arrangementErrors(
      draft.map((day, i) => ({ field: `draftDays.${i}`, ...day })),
      year,
    );
    if (errors.length > 0) throw FapiaoException.calendarDaysInvalid(errors);
    const before =
      row.status === 'official' ? await this.officialDays(manager, year, row.status) : null;
    const now = this.clock.now();
    await manager.query(`DELETE FROM calendar_days WHERE year = $1`, [year]);
    await manager.query(
      `INSERT INTO calendar_days (date, year, kind, name)
       SELECT d.date, $1, d.kind, d.name
         FROM jsonb_to_recordset($2::jsonb) AS d(date date, kind varchar, name varchar)`,
      [year, JSON.stringify(draft)],
    );
    await manager.query(
      `UPDATE calendar_years
          SET status = 'official', notice = $2, published_at = $3, published_by = $4,
              draft_days = NULL, updated_at = $3
        WHERE year = $1`,
      [year, title, now, staff.staffEmail],
    );
    const calendar = await this.workingDays.calendarIn(manager);
    const revised = await this.dueDates.reviseOpenApplications(manager, calendar, {
      year,
      notice: title,
      actor: staffActor(staff),
    });
    return { year, notice: title, days: draft.length, before, ...revised };
  }

  /** See ApplicationDueDates.reviseStaleProvisional (the daily CalendarCoverageJob). */
  async reviseStaleDueDates(manager: EntityManager): Promise<DueDateRevisionOutcome> {
    const calendar = await this.workingDays.calendarIn(manager);
    return this.dueDates.reviseStaleProvisional(manager, calendar, SYSTEM_ACTOR);
  }

  /** The year's row, created (provisional, no draft) when it has none, and locked. */
  private async lockYear(manager: EntityManager, year: number): Promise<YearRow> {
    await manager.query(
      `INSERT INTO calendar_years (year, status, updated_at) VALUES ($1, 'provisional', $2)
       ON CONFLICT (year) DO NOTHING`,
      [year, this.clock.now()],
    );
    const [row] = await manager.query<YearRow[]>(
      `SELECT status, draft_days FROM calendar_years WHERE year = $1 FOR UPDATE`,
      [year],
    );
    return row;
  }

  private async officialDays(
    manager: EntityManager,
    year: number,
    status: CalendarYearStatus,
  ): Promise<CalendarDayEntry[]> {
    if (status !== 'official') return [];
    return manager.query<CalendarDayEntry[]>(
      `SELECT to_char(date, 'YYYY-MM-DD') AS date, kind, name FROM calendar_days
        WHERE year = $1 ORDER BY date`,
      [year],
    );
  }

  private async saveDraft(
    manager: EntityManager,
    year: number,
    days: CalendarDayEntry[],
  ): Promise<void> {
    await manager.query(
      `UPDATE calendar_years SET draft_days = $2::jsonb, updated_at = $3 WHERE year = $1`,
      [year, JSON.stringify(days), this.clock.now()],
    );
  }
}
