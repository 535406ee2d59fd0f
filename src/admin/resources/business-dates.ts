import type { ActionRequest, PropertyOptions, ResourceWithOptions } from 'adminjs' with {
  'resolution-mode': 'import',
};
import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { isBusinessDate } from '../../common/time/business-date';
import type { ActionOptions } from '../admin-access';
import { ADMIN_COMPONENTS } from '../admin-components';

/** AdminJS's ValidationError, given by the caller (AdminJS is loaded at run time). */
export type ValidationErrorClass = new (
  propertyErrors: Record<string, { message: string; type?: string }>,
) => Error;

/** Columns holding money: integer fen, named `…Fen` (amountFen, billAmountFen, taxAmountFen). */
const FEN_COLUMN = /Fen$/;

interface DateColumns {
  /** `date` columns: business dates, YYYY-MM-DD in Asia/Shanghai. */
  dates: { path: string; nullable: boolean }[];
  /** `timestamptz` columns written by staff forms or shown to them. */
  instants: { path: string; nullable: boolean }[];
  /** Integer fen, shown in yuan. */
  amounts: { path: string; nullable: boolean }[];
}

function dateColumns(dataSource: DataSource, entity: EntityTarget<ObjectLiteral>): DateColumns {
  const columns = dataSource.getMetadata(entity).columns;
  const pick = (type: string) =>
    columns
      .filter((c) => c.type === type)
      .map((c) => ({
        path: c.propertyPath,
        nullable: c.isNullable || c.isCreateDate || c.isUpdateDate || c.default !== undefined,
      }));
  const amounts = columns
    .filter((c) => FEN_COLUMN.test(c.propertyName) && c.type !== 'jsonb')
    .map((c) => ({ path: c.propertyPath, nullable: c.isNullable }));
  return { dates: pick('date'), instants: pick('timestamptz'), amounts };
}

/** The properties' components: dates as stored, instants in Beijing time, fen as yuan. */
function dateProperties(columns: DateColumns): Record<string, PropertyOptions> {
  const properties: Record<string, PropertyOptions> = {};
  for (const { path } of columns.dates) {
    properties[path] = {
      components: {
        list: ADMIN_COMPONENTS.DateOnlyValue,
        show: ADMIN_COMPONENTS.DateOnlyValue,
        edit: ADMIN_COMPONENTS.DateOnlyEdit,
        filter: ADMIN_COMPONENTS.DateOnlyFilter,
      },
    };
  }
  for (const { path } of columns.instants) {
    properties[path] = {
      components: {
        list: ADMIN_COMPONENTS.BeijingTimeValue,
        show: ADMIN_COMPONENTS.BeijingTimeValue,
        edit: ADMIN_COMPONENTS.BeijingTimeEdit,
      },
    };
  }
  for (const { path } of columns.amounts) {
    properties[path] = {
      components: { list: ADMIN_COMPONENTS.YuanValue, show: ADMIN_COMPONENTS.YuanValue },
    };
  }
  return properties;
}

/** An instant as the Beijing-time form sends it, or any ISO 8601 time with its offset. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * A `before` hook for the raw new/edit forms: every date is a real YYYY-MM-DD and every instant a
 * time with its offset, a required one is present; otherwise field errors (translation keys the
 * form shows in the staff's language) and nothing is written. An emptied optional one is null.
 */
export function checkDateFields(columns: DateColumns, ValidationError: ValidationErrorClass) {
  return (request: ActionRequest): ActionRequest => {
    if (request.method !== 'post' || !request.payload) return request;
    const payload = { ...request.payload } as Record<string, unknown>;
    const errors: Record<string, { message: string }> = {};
    const check = (
      list: DateColumns['dates'],
      valid: (value: string) => boolean,
      invalid: string,
    ) => {
      for (const { path, nullable } of list) {
        if (!(path in payload)) continue;
        const value = typeof payload[path] === 'string' ? payload[path].trim() : '';
        if (value === '') {
          if (nullable) payload[path] = null;
          else errors[path] = { message: 'fieldRequired' };
        } else if (!valid(value)) {
          errors[path] = { message: invalid };
        } else payload[path] = value;
      }
    };
    check(columns.dates, isBusinessDate, 'dateInvalid');
    check(
      columns.instants,
      (value) => INSTANT.test(value) && !Number.isNaN(Date.parse(value)),
      'timeInvalid',
    );
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);
    return { ...request, payload };
  };
}

/**
 * Gives a resource's date-only columns, instants and amounts the back office's components and, on its
 * raw new/edit forms, the check of what was typed or picked. Options the resource sets itself
 * for a property win.
 */
export function withBusinessDates(
  resource: ResourceWithOptions,
  dataSource: DataSource,
  ValidationError: ValidationErrorClass,
): ResourceWithOptions {
  const columns = dateColumns(dataSource, resource.resource as EntityTarget<ObjectLiteral>);
  const own = resource.options.properties ?? {};
  const properties: Record<string, PropertyOptions> = { ...own };
  for (const [path, options] of Object.entries(dateProperties(columns))) {
    properties[path] = { ...options, ...own[path] };
  }
  // Resources here build their actions with roleGuardedActions, i.e. as ActionOptions.
  const actions = { ...resource.options.actions } as Record<string, ActionOptions>;
  const check = checkDateFields(columns, ValidationError);
  for (const name of ['new', 'edit'] as const) {
    const action = actions[name];
    if (!action) continue;
    const before = action.before;
    actions[name] = {
      ...action,
      before: [check, ...(Array.isArray(before) ? before : before ? [before] : [])],
    };
  }
  return { ...resource, options: { ...resource.options, properties, actions } };
}
