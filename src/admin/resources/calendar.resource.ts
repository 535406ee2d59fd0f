import type {
  ActionContext,
  ActionRequest,
  ActionResponse,
  RecordJSON,
  ResourceWithOptions,
} from 'adminjs' with { 'resolution-mode': 'import' };
import { StaffRole } from '../../auth/staff/staff-role';
import type { ArrangementDayInput } from '../../fapiao/calendar/calendar-arrangement';
import type {
  CalendarArrangements,
  DraftChange,
} from '../../fapiao/calendar/calendar-arrangements.service';
import {
  CALENDAR_DAY_KINDS,
  CALENDAR_YEAR_STATUSES,
  type CalendarDayKind,
} from '../../fapiao/calendar/calendar-day-kind';
import { CalendarDay } from '../../fapiao/calendar/calendar-day.entity';
import { CalendarYear } from '../../fapiao/calendar/calendar-year.entity';
import { roleGuardedActions } from '../admin-access';
import { formAction, FormActionDeps } from '../actions/form-action';
import { LinesSpec, readLines, textCell } from '../actions/form-lines';

export const CALENDAR_YEARS_RESOURCE = 'calendar_years';
export const CALENDAR_DAYS_RESOURCE = 'calendar_days';

export interface CalendarActionDeps extends FormActionDeps {
  calendarArrangements: CalendarArrangements;
}

/**
 * The calendar is the admins' to keep (admins always pass a role check): other staff see due
 * dates on the applications and no calendar in their menu.
 */
const ADMINS_ONLY: StaffRole[] = [];
const READERS = ADMINS_ONLY;

/** Values shown by their translation (`resources.<id>.labels.<property>.<value>`). */
const STATUS_VALUES = CALENDAR_YEAR_STATUSES.map((value) => ({ value, label: value }));
const KIND_VALUES = CALENDAR_DAY_KINDS.map((value) => ({ value, label: value }));

const dayLines = (name: string): LinesSpec => ({
  name,
  columns: [
    { name: 'date', type: 'date', required: true },
    { name: 'name', required: true },
  ],
  minRows: 0,
});
const HOLIDAY_LINES = dayLines('holidays');
const WORKING_DAY_LINES = dayLines('workingDays');

function enteredDays(payload: Record<string, string>): ArrangementDayInput[] {
  const rows = (spec: LinesSpec, kind: CalendarDayKind) =>
    readLines(payload, spec).map((row, i): ArrangementDayInput => ({
      field: `${spec.name}.${i}`,
      date: textCell(row, 'date'),
      name: textCell(row, 'name'),
      kind,
    }));
  return [...rows(HOLIDAY_LINES, 'holiday'), ...rows(WORKING_DAY_LINES, 'working_day')];
}

const draftOutcome = (change: DraftChange, message: string) => ({
  recordId: String(change.year),
  before: { year: change.year, status: change.status, draftDays: change.before },
  after: { year: change.year, status: change.status, draftDays: change.after },
  message,
});

const yearOfPayload = (payload: Record<string, string>): number =>
  /^\d{4}$/.test(payload.year?.trim() ?? '') ? Number(payload.year.trim()) : Number.NaN;

/** The draft as lines of text ("2027-02-05 holiday 春节") instead of AdminJS's flattened params. */
function withReadableDraft(
  response: ActionResponse,
  _request: ActionRequest,
  _context: ActionContext,
): ActionResponse {
  const record = response.record as RecordJSON | undefined;
  if (!record) return response;
  const days = new Map<number, Record<string, unknown>>();
  const params: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record.params)) {
    const match = /^draftDays\.(\d+)\.(date|kind|name)$/.exec(key);
    if (!match) {
      if (key !== 'draftDays') params[key] = value;
      continue;
    }
    const day = days.get(Number(match[1])) ?? {};
    day[match[2]] = value;
    days.set(Number(match[1]), day);
  }
  params.draftDays = [...days.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, day]) => `${String(day.date)}  ${String(day.kind)}  ${String(day.name)}`)
    .join('\n');
  return { ...response, record: { ...record, params } };
}

/**
 * The working-day calendar's years: their status, notice and the draft admins prepare. Admins
 * enter days or import a holiday-cn file into a year's draft, then publish it with the notice;
 * each step is audited and goes through the fapiao module's CalendarArrangements.
 */
export function calendarYearResource(deps: CalendarActionDeps): ResourceWithOptions {
  const arrangements = deps.calendarArrangements;
  return {
    resource: CalendarYear,
    options: {
      id: CALENDAR_YEARS_RESOURCE,
      navigation: { name: 'administration', icon: 'Calendar' },
      properties: {
        year: { isTitle: true },
        status: { availableValues: STATUS_VALUES },
        draftDays: {
          type: 'textarea',
          isVisible: { list: false, filter: false, show: true, edit: false },
        },
      },
      listProperties: ['year', 'status', 'notice', 'publishedAt', 'publishedBy'],
      showProperties: [
        'year',
        'status',
        'notice',
        'publishedAt',
        'publishedBy',
        'draftDays',
        'updatedAt',
      ],
      sort: { sortBy: 'year', direction: 'desc' },
      actions: roleGuardedActions(
        CALENDAR_YEARS_RESOURCE,
        { read: READERS },
        {
          show: { after: withReadableDraft },
          enterDays: formAction(deps, {
            actionType: 'resource',
            roles: ADMINS_ONLY,
            auditAction: 'calendar.enter_days',
            icon: 'Edit',
            fields: [
              {
                name: HOLIDAY_LINES.name,
                type: 'lines',
                columns: HOLIDAY_LINES.columns,
                minRows: 0,
              },
              {
                name: WORKING_DAY_LINES.name,
                type: 'lines',
                columns: WORKING_DAY_LINES.columns,
                minRows: 0,
              },
            ],
            run: async ({ manager, payload }) =>
              draftOutcome(
                await arrangements.enterDays(manager, enteredDays(payload)),
                'calendarDaysEntered',
              ),
          }),
          importHolidayCn: formAction(deps, {
            actionType: 'resource',
            roles: ADMINS_ONLY,
            auditAction: 'calendar.import',
            icon: 'Upload',
            fields: [{ name: 'file', type: 'file', required: true }],
            run: async ({ manager, payload }) =>
              draftOutcome(
                await arrangements.importHolidayCn(manager, payload.file ?? ''),
                'calendarImported',
              ),
          }),
          publishYear: formAction(deps, {
            actionType: 'resource',
            roles: ADMINS_ONLY,
            auditAction: 'calendar.publish',
            icon: 'CheckCircle',
            variant: 'primary',
            fields: [
              { name: 'year', required: true },
              { name: 'notice', required: true },
            ],
            run: async ({ manager, payload, admin }) => {
              const published = await arrangements.publish(
                manager,
                yearOfPayload(payload),
                payload.notice ?? '',
                { staffId: admin.id, staffEmail: admin.email },
              );
              return {
                recordId: String(published.year),
                before: { year: published.year, days: published.before },
                after: {
                  year: published.year,
                  status: 'official',
                  notice: published.notice,
                  days: published.days,
                  dueDatesMoved: published.moved,
                  dueDatesMovedLater: published.movedLater,
                },
                message: 'calendarPublished',
              };
            },
          }),
          discardDraft: formAction(deps, {
            actionType: 'resource',
            roles: ADMINS_ONLY,
            auditAction: 'calendar.discard_draft',
            icon: 'Trash2',
            variant: 'danger',
            fields: [{ name: 'year', required: true }],
            run: async ({ manager, payload }) =>
              draftOutcome(
                await arrangements.discardDraft(manager, yearOfPayload(payload)),
                'calendarDraftDiscarded',
              ),
          }),
        },
      ),
    },
  };
}

/** The official years' special dates (read-only: they change only by publishing a year). */
export function calendarDayResource(): ResourceWithOptions {
  return {
    resource: CalendarDay,
    options: {
      id: CALENDAR_DAYS_RESOURCE,
      navigation: { name: 'administration', icon: 'Calendar' },
      properties: {
        // A business date: shown as it is stored, never with a time of day.
        date: { isTitle: true, type: 'string' },
        kind: { availableValues: KIND_VALUES },
        // The adapter names the entity as the reference; the years are registered by their id.
        year: { reference: CALENDAR_YEARS_RESOURCE },
      },
      listProperties: ['date', 'kind', 'name', 'year'],
      filterProperties: ['year', 'kind', 'name'],
      sort: { sortBy: 'date', direction: 'desc' },
      actions: roleGuardedActions(CALENDAR_DAYS_RESOURCE, { read: READERS }),
    },
  };
}
