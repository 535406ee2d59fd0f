import type { FapiaoTitle } from './fapiao-title';
import { isSameParty, normalisePartyName } from './party-name';
import {
  checkNormalTitleRequirements,
  checkSpecialTitleRequirements,
  checkTitle,
  normaliseTitle,
  purposeRequiresPayerTitle,
} from './title-rules';

const complete: FapiaoTitle = {
  buyerName: '上海示例贸易有限公司',
  taxId: '91350100M000100Y43',
  address: '上海市浦东新区科苑路88号',
  phone: '021-28986102',
  bankName: '中国银行上海分行',
  bankAccount: '4563 5100 0000 1234',
};

describe('normal fapiao title', () => {
  it('needs only the buyer name', () => {
    expect(checkTitle('normal', { buyerName: 'Li Si' })).toEqual([]);
    expect(checkNormalTitleRequirements({ buyerName: '  ' })).toEqual([
      { field: 'title.buyerName', message: 'title.buyerName is required' },
    ]);
  });

  it('validates an optional taxpayer ID when given', () => {
    expect(checkTitle('normal', { buyerName: 'A', taxId: '91350100M000100Y43' })).toEqual([]);
    expect(checkTitle('normal', { buyerName: 'A', taxId: '91350100M000100Y44' })).toEqual([
      {
        field: 'title.taxId',
        message: expect.stringMatching(/^title\.taxId check character does not match/),
      },
    ]);
  });
});

describe('special fapiao title', () => {
  it('accepts a complete title', () => {
    expect(checkTitle('special', complete)).toEqual([]);
  });

  it('needs the buyer name and taxpayer ID only', () => {
    expect(checkSpecialTitleRequirements({ buyerName: '' }).map((e) => e.field)).toEqual([
      'title.buyerName',
      'title.taxId',
    ]);
    expect(checkTitle('special', { buyerName: 'A', taxId: complete.taxId })).toEqual([]);
  });

  it('refuses a resident ID number: a natural person gets a normal fapiao', () => {
    const person = { buyerName: '李四', taxId: '34052419800101001X' };
    expect(checkTitle('normal', person)).toEqual([]);
    expect(checkTitle('special', person)).toEqual([
      {
        field: 'title.taxId',
        message: expect.stringMatching(
          /^title\.taxId is a resident ID number, which names a natural person: a special VAT fapiao is issued only to an organisation/,
        ),
      },
    ]);
  });

  it('checks the normalised taxpayer ID and stores it so', () => {
    const typed = { ...complete, taxId: ' ９１３５０１００m000 100Y43 ' };
    expect(checkTitle('special', typed)).toEqual([]);
    expect(normaliseTitle(typed).taxId).toBe('91350100M000100Y43');
  });

  it('reports a bad taxpayer ID once, with the field named', () => {
    const errors = checkTitle('special', { ...complete, taxId: '91350100I000100Y43' });
    expect(errors).toEqual([
      {
        field: 'title.taxId',
        message: expect.stringContaining("title.taxId has an invalid character 'I' at position 9"),
      },
    ]);
  });

  it('checks phone and bank account formats', () => {
    const errors = checkTitle('special', { ...complete, phone: 'call me', bankAccount: 'ABC' });
    expect(errors.map((e) => e.field)).toEqual(['title.phone', 'title.bankAccount']);
  });
});

describe('payer-name match', () => {
  it('applies to purchase certificates and refunds only', () => {
    expect(purposeRequiresPayerTitle('purchase_certificate')).toBe(true);
    expect(purposeRequiresPayerTitle('refund')).toBe(true);
    expect(purposeRequiresPayerTitle('none')).toBe(false);
  });

  it.each([
    ['上海示例贸易有限公司（浦东）', '上海示例贸易有限公司(浦东)'],
    ['  Example Co., Ltd. ', 'Example Co., Ltd.'],
    ['ＡＢＣ　Trading', 'ABC Trading'],
    ['ABC  Trading', 'ABC Trading'],
  ])('treats %j and %j as the same party', (a, b) => {
    expect(isSameParty(a, b)).toBe(true);
  });

  it.each([
    ['上海示例贸易有限公司', '北京示例贸易有限公司'],
    ['Example Co.', 'Example Co., Ltd.'],
  ])('tells %j and %j apart', (a, b) => {
    expect(isSameParty(a, b)).toBe(false);
  });

  it('normalises full-width punctuation and spaces', () => {
    expect(normalisePartyName('　Ｅｘａｍｐｌｅ（ＳＨ）　')).toBe('Example(SH)');
  });
});
