import type { PropertyOptions, ResourceWithOptions } from 'adminjs' with {
  'resolution-mode': 'import',
};
import { queryPolicy } from './query-policy';

/**
 * Makes the back office offer exactly what the query guard allows: the filter panel shows the
 * policy's filters, only its sort keys are sortable columns, and the title (what a reference
 * field searches by default) is its first search key.
 */
export function withQueryPolicy(resource: ResourceWithOptions): ResourceWithOptions {
  const id = resource.options.id;
  if (!id) throw new Error('Back office: every resource needs an id');
  const policy = queryPolicy(id);
  const properties: Record<string, PropertyOptions> = { ...resource.options.properties };
  for (const name of resource.options.listProperties ?? []) {
    if (!policy.sort.includes(name)) properties[name] = { ...properties[name], isSortable: false };
  }
  for (const name of policy.sort) properties[name] = { ...properties[name], isSortable: true };
  return {
    ...resource,
    options: {
      ...resource.options,
      properties,
      filterProperties: [...policy.filter],
      titleProperty: policy.search[0],
    },
  };
}
