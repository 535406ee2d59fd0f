import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Locale } from '../../common/locale';
import { Clock } from '../../common/time/clock';
import { dueDateOf, type WorkingDayCalendar, yearOf } from '../calendar/working-day-calendar';
import type { ApplicationActor } from './application-actor';
import { ApplicationMails } from './application-mails';
import type { ApplicationStatus } from './application-status';
import { defaultRemarks } from './default-remarks';

/** Applications whose due date still matters: submitted and not yet issued (or refused). */
export const OPEN_DUE_DATE_STATUSES: readonly ApplicationStatus[] = [
  'submitted',
  'processing',
  'on_hold',
];

interface OpenApplication {
  id: string;
  status: ApplicationStatus;
  order_number: string;
  contact_email: string;
  locale: Locale;
  submitted_at: Date;
  due_date: string;
  due_date_provisional: boolean;
}

/** Why due dates are revised: a year's holiday arrangement was published. */
export interface DueDateRevisionReason {
  year: number;
  notice: string;
  actor: ApplicationActor;
}

export interface DueDateRevisionOutcome {
  /** Applications whose due date moved (earlier or later). */
  moved: number;
  /** Of those, the ones that moved later (their customer gets a mail). */
  movedLater: number;
  /** Applications whose due date is no longer provisional, moved or not. */
  confirmed: number;
}

/**
 * Due dates of open applications computed again on a changed calendar, in the caller's
 * transaction: the new date and its provisional flag, a history entry the customer reads when
 * the date moved, and a mail when it moved later. The rows are locked first, so a confirmation
 * or a staff step running meanwhile waits and then goes on with the revised row.
 */
@Injectable()
export class ApplicationDueDates {
  constructor(
    private readonly clock: Clock,
    private readonly mails: ApplicationMails,
  ) {}

  /** Every open application, after `reason.year`'s arrangement was published. */
  reviseOpenApplications(
    manager: EntityManager,
    calendar: WorkingDayCalendar,
    reason: DueDateRevisionReason,
  ): Promise<DueDateRevisionOutcome> {
    return this.revise(manager, calendar, reason.actor, false, () => reason);
  }

  /**
   * The open applications still marked provisional although the calendar they count on is
   * official now: confirmed on an instance that had not heard of the publication yet.
   */
  reviseStaleProvisional(
    manager: EntityManager,
    calendar: WorkingDayCalendar,
    actor: ApplicationActor,
  ): Promise<DueDateRevisionOutcome> {
    return this.revise(manager, calendar, actor, true, (due) => ({
      year: yearOf(due),
      notice: calendar.noticeOf(yearOf(due)) ?? `${yearOf(due)}`,
    }));
  }

  private async revise(
    manager: EntityManager,
    calendar: WorkingDayCalendar,
    actor: ApplicationActor,
    onlyProvisional: boolean,
    reasonFor: (dueDate: string) => { year: number; notice: string },
  ): Promise<DueDateRevisionOutcome> {
    const open = await manager.query<OpenApplication[]>(
      `SELECT id, status, order_number, contact_email, locale, submitted_at,
              to_char(due_date, 'YYYY-MM-DD') AS due_date, due_date_provisional
         FROM fapiao_applications
        WHERE status = ANY($1) AND submitted_at IS NOT NULL AND due_date IS NOT NULL
          AND (due_date_provisional OR NOT $2)
        ORDER BY id
          FOR UPDATE`,
      [OPEN_DUE_DATE_STATUSES, onlyProvisional],
    );
    const revised = open
      .map((app) => ({ app, due: dueDateOf(new Date(app.submitted_at), calendar) }))
      .filter(
        ({ app, due }) => due.date !== app.due_date || due.provisional !== app.due_date_provisional,
      );
    if (revised.length === 0) return { moved: 0, movedLater: 0, confirmed: 0 };

    const now = this.clock.now();
    await manager.query(
      `UPDATE fapiao_applications a
          SET due_date = r.due_date, due_date_provisional = r.provisional, updated_at = $2
         FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, due_date date, provisional boolean)
        WHERE a.id = r.id`,
      [
        JSON.stringify(
          revised.map(({ app, due }) => ({
            id: app.id,
            due_date: due.date,
            provisional: due.provisional,
          })),
        ),
        now,
      ],
    );

    const moved = revised.filter(({ app, due }) => due.date !== app.due_date);
    if (moved.length > 0) {
      await manager.query(
        `INSERT INTO application_history
                (application_id, from_status, to_status, actor_type, actor_id, actor_email, remark, at)
         SELECT h.id, h.status, h.status, $2, $3, $4, h.remark, $5
           FROM jsonb_to_recordset($1::jsonb) AS h(id uuid, status varchar, remark varchar)`,
        [
          JSON.stringify(
            moved.map(({ app, due }) => ({
              id: app.id,
              status: app.status,
              remark: defaultRemarks.dueDateMoved(
                app.locale,
                app.due_date,
                due.date,
                reasonFor(due.date).year,
                reasonFor(due.date).notice,
              ),
            })),
          ),
          actor.type,
          actor.id,
          actor.email,
          now,
        ],
      );
    }
    const later = moved.filter(({ app, due }) => due.date > app.due_date);
    await this.mails.dueDateMovedMany(
      manager,
      later.map(({ app, due }) => ({
        app: {
          id: app.id,
          orderNumber: app.order_number,
          contactEmail: app.contact_email,
          locale: app.locale,
        },
        previousDueDate: app.due_date,
        dueDate: due.date,
        notice: reasonFor(due.date).notice,
      })),
    );
    return {
      moved: moved.length,
      movedLater: later.length,
      confirmed: revised.filter(({ app, due }) => app.due_date_provisional && !due.provisional)
        .length,
    };
  }
}
