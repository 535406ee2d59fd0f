import type { ActionResponse, RecordJSON } from 'adminjs' with { 'resolution-mode': 'import' };
import { maskPersonalData, type PersonalDataKind } from '../../common/privacy/personal-data';

/**
 * An `after` hook for list actions: phones, street addresses and ID numbers are masked in every
 * record AdminJS sends (its JSON holds every property, shown or not). `fields` maps a param
 * name (or, ending in `.*.`, a pattern for array items such as `lines.*.title.phone`) to its kind.
 */
export function maskPersonalParams(fields: Record<string, PersonalDataKind>) {
  const patterns = Object.entries(fields).map(
    ([name, kind]) =>
      [
        new RegExp(`^${name.replace(/\./g, '\\.').replace(/\\\.\*\\\./g, '\\.\\d+\\.')}$`),
        kind,
      ] as const,
  );
  const mask = (record: RecordJSON | undefined) => {
    if (!record?.params) return;
    for (const key of Object.keys(record.params)) {
      const match = patterns.find(([pattern]) => pattern.test(key));
      if (match) record.params[key] = maskPersonalData(match[1], record.params[key]);
    }
  };
  return (response: ActionResponse): ActionResponse => {
    (response.records as RecordJSON[] | undefined)?.forEach(mask);
    return response;
  };
}

/** The personal data of a fapiao title (registered phone and address, taxpayer and bank numbers). */
export const TITLE_PERSONAL_FIELDS: Record<string, PersonalDataKind> = {
  taxId: 'idNumber',
  address: 'address',
  phone: 'phone',
  bankAccount: 'idNumber',
};

export function prefixed(
  prefix: string,
  fields: Record<string, PersonalDataKind>,
): Record<string, PersonalDataKind> {
  return Object.fromEntries(
    Object.entries(fields).map(([name, kind]) => [`${prefix}.${name}`, kind]),
  );
}
