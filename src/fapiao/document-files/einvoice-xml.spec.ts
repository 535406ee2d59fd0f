import { rateToBasisPoints, readEInvoiceXml, yuanTextToFen } from './einvoice-xml';

describe('yuanTextToFen', () => {
  it.each([
    ['1130.00', 113000],
    ['0.1', 10],
    ['19.19', 1919],
    ['-12.50', -1250],
    ['1,288.50', 128850],
    ['7', 700],
    ['128.000', 12800],
    // 0.1 + 0.2 style float drift cannot happen: digits are read, never multiplied.
    ['90071992547409.91', 9007199254740991],
  ])('%s yuan is %d fen', (text, fen) => expect(yuanTextToFen(text)).toBe(fen));

  it.each([['12.345'], ['abc'], [''], ['1e3'], ['90071992547409.92']])('refuses %p', (text) =>
    expect(yuanTextToFen(text)).toBeNull(),
  );
});

describe('rateToBasisPoints', () => {
  it.each([
    ['0.06', 600],
    ['0.130000', 1300],
    ['0.015', 150],
    ['.09', 900],
    ['0', 0],
    ['6%', 600],
    ['1.5%', 150],
    ['1', 10_000],
  ])('%s is %d basis points', (text, bp) => expect(rateToBasisPoints(text)).toBe(bp));

  it.each([['0.00015'], ['six'], ['2']])('refuses %p', (text) =>
    expect(rateToBasisPoints(text)).toBeNull(),
  );
});

describe('readEInvoiceXml', () => {
  it('keeps a 20-digit number as text and reads a date with a time', () => {
    const facts = readEInvoiceXml(
      '<EInvoice><TaxSupervisionInfo><InvoiceNumber>26312000000000000001</InvoiceNumber>' +
        '<IssueTime>2026-11-24 10:11:12</IssueTime></TaxSupervisionInfo></EInvoice>',
    );
    expect(facts).toMatchObject({ number: '26312000000000000001', issueDate: '2026-11-24' });
  });

  it('is null for XML of another kind', () => {
    expect(readEInvoiceXml('<Invoice/>')).toBeNull();
  });
});
