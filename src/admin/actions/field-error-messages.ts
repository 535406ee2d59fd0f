/**
 * The services word their field errors in English for the API, naming the field by its path
 * (`documents.0.number must be 8 to 20 digits`). Staff see each error beside its field in their
 * own language, so the back office tells them by a translation key (under `messages`) and the
 * values the sentence needs; the service's sentence stays as the fallback text.
 */
export interface StaffFieldError {
  message: string;
  options?: Record<string, string>;
  /** Further errors on the same field (e.g. each way an XML disagrees), shown after it. */
  more?: StaffFieldError[];
}

interface Rule {
  pattern: RegExp;
  key: string;
  /** A narrower key than `key` for some matches (e.g. which fact of an XML disagrees). */
  keyOf?: (match: RegExpMatchArray) => string | undefined;
  /** The values the translated sentence needs, from the pattern's groups. */
  values?: (match: RegExpMatchArray) => Record<string, string>;
}

/** The facts DigitalIssueService compares with an attached XML, by the words it names them with. */
const XML_FACT_KEYS: Record<string, string> = {
  'the fapiao number': 'xmlNumberDisagrees',
  'the issue date': 'xmlIssueDateDisagrees',
  'the buyer name': 'xmlBuyerNameDisagrees',
  'the buyer taxpayer ID': 'xmlBuyerTaxIdDisagrees',
  'the total with tax (价税合计, fen)': 'xmlTotalDisagrees',
  'the tax amount (fen)': 'xmlTaxAmountDisagrees',
  'the tax rate (basis points)': 'xmlTaxRateDisagrees',
};

/** First match wins: the narrower sentences come before the broader ones. */
const RULES: Rule[] = [
  {
    pattern: /not be more than the original fapiao's \d+ fen \(([^)]+)\)/,
    key: 'amountAboveOriginal',
    values: (m) => ({ amount: m[1] }),
  },
  {
    pattern: /reverses the whole fapiao: amountFen must be \d+ fen \(([^)]+)\)/,
    key: 'retitleReversesWhole',
    values: (m) => ({ amount: m[1] }),
  },
  { pattern: /reasonCode must be 01/, key: 'redLetterReasonInvalid' },
  { pattern: /required for a partial reversal/, key: 'partialReversalTaxRequired' },
  { pattern: /whole number of fen/, key: 'yuanInvalid' },
  { pattern: /is missing \(rows skip a number\)/, key: 'rowMissing' },
  { pattern: / is empty$/, key: 'fileEmpty' },
  {
    pattern: /bytes, more than the (\d+) bytes allowed/,
    key: 'fileTooLarge',
    values: (m) => ({ max: m[1] }),
  },
  { pattern: /is not a PDF|PDF without pages|damaged PDF/, key: 'pdfInvalid' },
  { pattern: /not an OFD file|damaged OFD/, key: 'ofdInvalid' },
  { pattern: /not an XML file|not well-formed XML|not a digital fapiao XML/, key: 'xmlInvalid' },
  {
    pattern: /^(.+) is (missing|"[^"]*"), expected "([^"]*)"/,
    key: 'xmlDisagrees',
    keyOf: (m) => XML_FACT_KEYS[m[1]],
    values: (m) => ({ what: m[1], found: m[2], expected: m[3] }),
  },
  { pattern: /must be a percentage/, key: 'taxRateInvalid' },
  { pattern: /must be 10 or 12 digits/, key: 'invoiceCodeInvalid' },
  { pattern: /a digital fapiao has none/, key: 'invoiceCodeOnDigital' },
  { pattern: /not in the future|must not be in the future/, key: 'dateNotInFuture' },
  { pattern: /must be a date|\(YYYY-MM-DD\)/, key: 'dateInvalid' },
  { pattern: /already recorded|must be a new one/, key: 'valueUnchanged' },
  { pattern: /is listed twice/, key: 'listedTwice' },
  { pattern: /is not a fapiao of this application/, key: 'notThisApplicationsFapiao' },
  { pattern: /20 digits of a digital fapiao/, key: 'digitalNumberInvalid' },
  { pattern: /must be 8 to 20 digits/, key: 'fapiaoNumberInvalid' },
  {
    pattern: /one (?:red-letter )?fapiao per (?:line|issued fapiao) \((\d+)\)/,
    key: 'onePerLine',
    values: (m) => ({ count: m[1] }),
  },
  { pattern: /add up to/, key: 'totalMismatch' },
  { pattern: /6 to 40 letters, digits or dashes/, key: 'trackingNumberInvalid' },
  { pattern: /must not be given for pick-up/, key: 'notForPickup' },
  { pattern: /must not be given for email delivery/, key: 'notForEmailDelivery' },
  { pattern: /not an email address|valid email address/, key: 'emailInvalid' },
  { pattern: /at least two fapiao/, key: 'splitNeedsTwoLines' },
  {
    pattern: /is required|must be given|needs at least one|must list at least/,
    key: 'fieldRequired',
  },
  { pattern: /at least (\d+) characters/, key: 'tooShort', values: (m) => ({ min: m[1] }) },
  {
    pattern: /(\d+) to (\d+) characters/,
    key: 'lengthBetween',
    values: (m) => ({ min: m[1], max: m[2] }),
  },
  { pattern: /at most (\d+) characters/, key: 'tooLong', values: (m) => ({ max: m[1] }) },
  { pattern: /at most (\d+) addresses/, key: 'tooManyAddresses', values: (m) => ({ max: m[1] }) },
];

/** A key the back office already translates (e.g. `yuanInvalid`), passed through as it is. */
const TRANSLATION_KEY = /^[A-Za-z]+$/;

/**
 * The staff-facing form of one field error: a known sentence becomes its key; any other keeps
 * the service's words, without the field's path (the error is shown beside the field).
 */
export function staffFieldError(field: string, message: string): StaffFieldError {
  if (TRANSLATION_KEY.test(message)) return { message };
  const sentence = withoutPath(field, message);
  for (const rule of RULES) {
    const match = sentence.match(rule.pattern);
    if (match) {
      return { message: rule.keyOf?.(match) ?? rule.key, options: rule.values?.(match) ?? {} };
    }
  }
  return { message: 'fieldInvalid', options: { detail: sentence } };
}

/** `documents.0.pdf: the number is "1", expected "2"` → `the number is "1", expected "2"`. */
function withoutPath(field: string, message: string): string {
  const named = message.startsWith(`${field} `) || message.startsWith(`${field}:`);
  return (named && message.slice(field.length).replace(/^[:\s]+/, '')) || message;
}
