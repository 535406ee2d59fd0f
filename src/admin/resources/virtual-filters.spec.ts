import type { ActionContext } from 'adminjs' with { 'resolution-mode': 'import' };
import { NO_ROWS, takeVirtualFilters, VirtualFilter } from './virtual-filters';

describe('takeVirtualFilters', () => {
  const context = {} as ActionContext;
  const seen: string[] = [];
  const overdue: VirtualFilter = {
    name: 'overdue',
    toCondition: (value) => {
      seen.push(value);
      return value === 'true' ? NO_ROWS : null;
    },
  };

  beforeEach(() => (seen.length = 0));

  it('takes the virtual filter off the query and keeps the real ones for the adapter', async () => {
    const { query, conditions } = await takeVirtualFilters(
      { 'filters.overdue': ' true ', 'filters.status': 'submitted', page: '2' },
      [overdue],
      context,
    );
    expect(query).toEqual({ 'filters.status': 'submitted', page: '2' });
    expect(conditions).toEqual([NO_ROWS]);
    expect(seen).toEqual(['true']);
  });

  it('drops a value the filter does not understand, and one that is not a string', async () => {
    expect(await takeVirtualFilters({ 'filters.overdue': 'maybe' }, [overdue], context)).toEqual({
      query: {},
      conditions: [],
    });
    expect(
      (await takeVirtualFilters({ 'filters.overdue': ['true'] }, [overdue], context)).conditions,
    ).toEqual([]);
  });

  it('leaves a query without virtual filters as it is', async () => {
    const query = { 'filters.email': 'a@example.com' };
    expect(await takeVirtualFilters(query, [overdue], context)).toEqual({ query, conditions: [] });
  });
});
