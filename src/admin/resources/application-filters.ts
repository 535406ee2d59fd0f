import { Raw } from 'typeorm';
import type { Clock } from '../../common/time/clock';
import { toBusinessDate } from '../../common/time/business-date';
import { AWAITING_SERVICE_STATUSES } from '../../fapiao/applications/application-statistics';
import type { IdCondition, VirtualFilter } from './virtual-filters';

/** `true`/`false` from AdminJS's boolean filter (a select with yes/no); anything else: no filter. */
function parseYesNo(value: string): boolean | undefined {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return undefined;
}

/**
 * Applications waiting for the service centre whose due date compares with today (Asia/Shanghai,
 * from the injected clock) as `comparison` says; `wanted` false inverts the set. Same rule as
 * `isOverdue` (list badge) and ApplicationStatistics (dashboard counts).
 */
function awaitingDue(
  name: string,
  comparison: '<' | '=',
  clock: Clock,
): (value: string) => IdCondition | null {
  return (value) => {
    const wanted = parseYesNo(value);
    if (wanted === undefined) return null;
    // Parameter names are per filter: TypeORM merges every condition's parameters into one query.
    const today = `${name}Today`;
    const statuses = `${name}Statuses`;
    return Raw(
      (id) =>
        `${id} ${wanted ? 'IN' : 'NOT IN'} (SELECT a.id FROM fapiao_applications a
          WHERE a.status IN (:...${statuses}) AND a.due_date ${comparison} :${today})`,
      { [today]: toBusinessDate(clock.now()), [statuses]: [...AWAITING_SERVICE_STATUSES] },
    );
  };
}

/** The applications list's computed filters: `filters.overdue` and `filters.dueToday`. */
export function applicationFilters(clock: Clock): VirtualFilter[] {
  return [
    { name: 'overdue', toCondition: awaitingDue('overdue', '<', clock) },
    { name: 'dueToday', toCondition: awaitingDue('dueToday', '=', clock) },
  ];
}
