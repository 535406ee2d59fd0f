import type { FieldError } from '../common/errors/problem.exception';
import type { FapiaoTitle } from '../fapiao/titles/fapiao-title';
import { normaliseTaxpayerId, taxpayerKind } from '../fapiao/titles/taxpayer-id';
import { checkTitle, normaliseTitle } from '../fapiao/titles/title-rules';
import type { TitleProfileKind } from './title-profile-kind';

/**
 * A saved title follows the title rules of a normal fapiao (a special one adds only the
 * taxpayer ID, checked when applying); a company's title never carries a resident ID number.
 */
export function titleProfileErrors(kind: TitleProfileKind, title: FapiaoTitle): FieldError[] {
  const errors = checkTitle('normal', title);
  if (errors.some((e) => e.field === 'title.taxId') || kind !== 'company' || !title.taxId?.trim()) {
    return errors;
  }
  if (taxpayerKind(normaliseTaxpayerId(title.taxId)) === 'natural_person') {
    errors.push({
      field: 'title.taxId',
      message:
        'title.taxId is a resident ID number, which names a natural person: save it as an ' +
        'individual title',
    });
  }
  return errors;
}

export function normaliseProfileTitle(title: FapiaoTitle): FapiaoTitle {
  return normaliseTitle(title);
}
