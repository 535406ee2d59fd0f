import { ADMIN_TRANSLATIONS } from '../admin-locale';
import { staffFieldError } from './field-error-messages';

describe('staffFieldError', () => {
  it.each([
    [
      'documents.0.amountFen',
      'documents.0.amountFen must be a positive whole number of fen',
      'yuanInvalid',
      {},
    ],
    [
      'returnedOn',
      'returnedOn must be a date (YYYY-MM-DD), not in the future',
      'dateNotInFuture',
      {},
    ],
    [
      'documents.1.issueDate',
      'documents.1.issueDate must be a date (YYYY-MM-DD)',
      'dateInvalid',
      {},
    ],
    ['documents', 'documents must list one fapiao per line (3)', 'onePerLine', { count: '3' }],
    ['carrier', 'carrier must be given (at most 50 characters)', 'fieldRequired', {}],
    ['displayName', 'must be 1 to 100 characters', 'lengthBetween', { min: '1', max: '100' }],
    ['password', 'must be at least 12 characters', 'tooShort', { min: '12' }],
    [
      'documents.0.xml',
      'documents.0.xml: the buyer name is "A Ltd.", expected "B Ltd."',
      'xmlBuyerNameDisagrees',
      { what: 'the buyer name', found: '"A Ltd."', expected: 'B Ltd.' },
    ],
    [
      'documents.0.xml',
      'documents.0.xml: the fapiao number is missing, expected "26312000000000000004"',
      'xmlNumberDisagrees',
      { what: 'the fapiao number', found: 'missing', expected: '26312000000000000004' },
    ],
  ])('tells %s "%s" as %s', (field, message, key, options) => {
    expect(staffFieldError(field, message)).toEqual({ message: key, options });
  });

  it('passes a translation key through and keeps an unknown sentence without its path', () => {
    expect(staffFieldError('month', 'monthInvalid')).toEqual({ message: 'monthInvalid' });
    expect(staffFieldError('documents', 'documents.0.colour is not a column of the form')).toEqual({
      message: 'fieldInvalid',
      options: { detail: 'documents.0.colour is not a column of the form' },
    });
    expect(staffFieldError('documents.0.colour', 'documents.0.colour: unknown')).toEqual({
      message: 'fieldInvalid',
      options: { detail: 'unknown' },
    });
  });

  it('has every key it gives in both languages', () => {
    const samples = [
      'x must be a positive whole number of fen',
      'x is empty',
      'x is 9 bytes, more than the 1 bytes allowed',
      'x is not a PDF',
      'x is not an OFD file',
      'x is not an XML file',
      'x: y is "1", expected "2"',
      'x must be a percentage',
      'x: the tax rate (basis points) is "1", expected "2"',
      'x: the total with tax (价税合计, fen) is "1", expected "2"',
      'x must be 10 or 12 digits',
      'x; a digital fapiao has none',
      'x is missing (rows skip a number)',
      'x not in the future',
      'x must be a date',
      'x is the one already recorded',
      'x is listed twice',
      'number 1 is not a fapiao of this application',
      'x must be the 20 digits of a digital fapiao',
      'x must be 8 to 20 digits',
      'x must list one fapiao per line (2)',
      'the lines must add up to the total',
      'x must be 6 to 40 letters, digits or dashes',
      'x must not be given for pick-up',
      'x must not be given for email delivery',
      'must be a valid email address',
      'lines must list at least two fapiao',
      'x is required',
      'must be at least 2 characters',
      'must be 1 to 2 characters',
      'x must be at most 2 characters',
      'x may list at most 5 addresses',
      'something else',
    ];
    for (const language of ['zh-CN', 'en'] as const) {
      const messages = ADMIN_TRANSLATIONS[language].messages as Record<string, string>;
      for (const sample of samples) {
        const { message } = staffFieldError('x', sample);
        expect([sample, message, typeof messages[message]]).toEqual([sample, message, 'string']);
      }
    }
  });
});
