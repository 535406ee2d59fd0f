import type { ActionResponse, RecordJSON } from 'adminjs' with { 'resolution-mode': 'import' };

/**
 * An `after` hook that removes properties from every record in an action's response.
 * `isVisible: false` only hides a property in the UI: AdminJS still sends it in the JSON.
 */
export function stripParams(names: readonly string[]) {
  const strip = (record: RecordJSON | undefined) => {
    if (!record?.params) return;
    for (const key of Object.keys(record.params)) {
      if (names.some((name) => key === name || key.startsWith(`${name}.`))) {
        delete record.params[key];
      }
    }
  };
  return (response: ActionResponse): ActionResponse => {
    strip(response.record as RecordJSON | undefined);
    (response.records as RecordJSON[] | undefined)?.forEach(strip);
    return response;
  };
}
