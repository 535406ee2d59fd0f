import type {
  ActionContext,
  ActionHandler,
  ActionRequest,
  ActionResponse,
  BaseResource,
  Filter,
} from 'adminjs' with { 'resolution-mode': 'import' };
import { And, FindOperator, Raw } from 'typeorm';

/**
 * A list filter on something that is not a column (e.g. "overdue", computed from status and due
 * date). @adminjs/typeorm turns each filter into one `where` entry per property and cannot
 * express such conditions, so the value is translated into a condition on the primary key
 * (`id IN (SELECT … )`, built with `Raw`): it combines with every other filter and the adapter
 * still does the paging and the total count.
 */
export interface VirtualFilter {
  /** The key after `filters.` in the list's query, e.g. `overdue`. */
  name: string;
  /** The condition for this value; null ignores the value (empty, or not one it understands). */
  toCondition(
    value: string,
    context: ActionContext,
  ): IdCondition | null | Promise<IdCondition | null>;
}

/** A condition on the primary key column, e.g. `Raw((id) => `${id} IN (SELECT …)`, params)`. */
export type IdCondition = FindOperator<unknown>;

/** The primary key of the resources using virtual filters (all of them have `id`). */
const ID = 'id';

/** Matches nothing: e.g. a search by an order number that does not exist. */
export const NO_ROWS: IdCondition = Raw(() => 'FALSE');

/**
 * `filters.search`: one box for what staff are told on the phone (an order number, a fapiao
 * number, a taxpayer ID, a company name, a contact email), answered by the owning module's
 * search as record ids.
 */
export function searchFilter(findIds: (text: string) => Promise<string[]>): VirtualFilter {
  return {
    name: 'search',
    toCondition: async (value) => {
      if (!value) return null;
      const ids = await findIds(value);
      return ids.length ? Raw((id) => `${id} IN (:...searchIds)`, { searchIds: ids }) : NO_ROWS;
    },
  };
}

/**
 * The `list` action's handler with these virtual filters: AdminJS's own list handler, given the
 * query without them and a resource whose `find`/`count` add their conditions.
 */
export function listWithVirtualFilters(filters: readonly VirtualFilter[]) {
  return async (
    request: ActionRequest,
    response: unknown,
    context: ActionContext,
  ): Promise<ActionResponse> => {
    const { query, conditions } = await takeVirtualFilters(request.query ?? {}, filters, context);
    const { ListAction } = await import('adminjs');
    const resource = conditions.length
      ? withConditions(context.resource, conditions)
      : context.resource;
    // AdminJS's built-in list handler is a single function (the type allows an array of them).
    const builtInList = ListAction.handler as ActionHandler<ActionResponse>;
    return builtInList({ ...request, query }, response, { ...context, resource });
  };
}

/** Splits the virtual filters' values off the query and translates them into conditions. */
export async function takeVirtualFilters(
  query: Record<string, unknown>,
  filters: readonly VirtualFilter[],
  context: ActionContext,
): Promise<{ query: Record<string, unknown>; conditions: IdCondition[] }> {
  const rest = { ...query };
  const conditions: IdCondition[] = [];
  for (const filter of filters) {
    const key = `filters.${filter.name}`;
    const value = rest[key];
    delete rest[key];
    if (typeof value !== 'string') continue;
    const condition = await filter.toCondition(value.trim(), context);
    if (condition) conditions.push(condition);
  }
  return { query: rest, conditions };
}

/**
 * The resource, narrowed: its `find` and `count` (both called by the list handler, with the same
 * filter) also require the conditions. Everything else is the original resource.
 */
function withConditions(resource: BaseResource, conditions: IdCondition[]): BaseResource {
  const narrowed = Object.create(resource) as BaseResource;
  narrowed.find = (filter, options, context) =>
    resource.find(addConditions(resource, filter, conditions), options, context);
  narrowed.count = (filter, context) =>
    resource.count(addConditions(resource, filter, conditions), context);
  return narrowed;
}

/** A copy of the filter that also requires the conditions (find and count get the same one). */
function addConditions(resource: BaseResource, filter: Filter, conditions: IdCondition[]): Filter {
  const existing = filter.filters[ID];
  // A staff member's own filter on the id (exact, as the adapter does it for uuids) still holds.
  const own = existing
    ? [Raw((id) => `CAST(${id} AS text) = :idFilterValue`, { idFilterValue: existing.value })]
    : [];
  const all = [...own, ...conditions];
  const idFilter = {
    path: ID,
    property: resource.property(ID),
    value: '',
    // @adminjs/typeorm passes a filter's `custom` value to TypeORM as it is.
    custom: all.length === 1 ? all[0] : And(...all),
  } as unknown as Filter['filters'][string];
  const copy = Object.create(Object.getPrototypeOf(filter) as object) as Filter;
  return Object.assign(copy, filter, { filters: { ...filter.filters, [ID]: idFilter } });
}
