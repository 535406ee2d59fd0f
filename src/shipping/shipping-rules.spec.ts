import {
  checkShippingDetails,
  normaliseShippingDetails,
  withDeliveryDefaults,
} from './shipping-rules';
import type { ShippingDetails } from './shipping-method';

const mailed: ShippingDetails = {
  method: 'yunda',
  recipient: '张三',
  phone: '13812345678',
  province: '上海市',
  city: '上海市',
  district: '浦东新区',
  address: '科苑路88号',
  postalCode: '201203',
};

const fields = (shipping: ShippingDetails) => checkShippingDetails(shipping).map((e) => e.field);

describe('checkShippingDetails', () => {
  it.each(['yunda', 'sf_freight_collect'] as const)('accepts a complete %s address', (method) => {
    expect(checkShippingDetails({ ...mailed, method })).toEqual([]);
  });

  it('names every missing mailing field', () => {
    expect(fields({ method: 'sf_freight_collect' })).toEqual([
      'shipping.recipient',
      'shipping.phone',
      'shipping.province',
      'shipping.city',
      'shipping.district',
      'shipping.address',
      'shipping.postalCode',
    ]);
  });

  it('treats whitespace as missing', () => {
    expect(fields({ ...mailed, city: '   ' })).toEqual(['shipping.city']);
  });

  it.each(['12812345678', '1381234567', '138123456789', '+8613812345678', '021-28986102'])(
    'refuses %s as a mailing mobile number',
    (phone) => {
      expect(fields({ ...mailed, phone })).toEqual(['shipping.phone']);
    },
  );

  it.each(['13912345678', '19912345678'])('accepts mobile number %s', (phone) => {
    expect(fields({ ...mailed, phone })).toEqual([]);
  });

  it.each(['20120', '2012034', 'ABCDEF'])('refuses postal code %s', (postalCode) => {
    const errors = checkShippingDetails({ ...mailed, postalCode });
    expect(errors).toEqual([
      { field: 'shipping.postalCode', message: 'shipping.postalCode must be 6 digits' },
    ]);
  });

  it('needs only a contact name and phone for pick-up', () => {
    expect(fields({ method: 'pickup', recipient: 'Li Si', phone: '13812345678' })).toEqual([]);
    expect(fields({ method: 'pickup', recipient: 'Li Si', phone: '021-28986102' })).toEqual([]);
    expect(fields({ method: 'pickup' })).toEqual(['shipping.recipient', 'shipping.phone']);
  });

  it('refuses address fields for pick-up', () => {
    const errors = checkShippingDetails({ ...mailed, method: 'pickup' });
    expect(errors.map((e) => e.field)).toEqual([
      'shipping.province',
      'shipping.city',
      'shipping.district',
      'shipping.address',
      'shipping.postalCode',
    ]);
    expect(errors[0].message).toMatch(/must not be given for pick-up/);
  });
});

describe('normaliseShippingDetails', () => {
  it('trims and keeps only the fields of the method', () => {
    expect(
      normaliseShippingDetails({ method: 'pickup', recipient: ' Li Si ', phone: '13812345678 ' }),
    ).toEqual({
      method: 'pickup',
      recipient: 'Li Si',
      phone: '13812345678',
      province: null,
      city: null,
      district: null,
      address: null,
      postalCode: null,
      deliveryEmails: null,
    });
  });

  it('keeps only the addresses for email, lower-cased and each once', () => {
    expect(
      normaliseShippingDetails({
        method: 'email',
        deliveryEmails: [' A@Example.com', 'a@example.com ', '', 'b@example.com'],
      }),
    ).toMatchObject({
      method: 'email',
      recipient: null,
      deliveryEmails: ['a@example.com', 'b@example.com'],
    });
  });
});

describe('email delivery', () => {
  it('needs one to five valid addresses and nothing of a parcel', () => {
    expect(fields({ method: 'email', deliveryEmails: ['a@example.com'] })).toEqual([]);
    expect(fields({ method: 'email' })).toEqual(['shipping.deliveryEmails']);
    expect(fields({ method: 'email', deliveryEmails: ['a@example'] })).toEqual([
      'shipping.deliveryEmails',
    ]);
    const six = [1, 2, 3, 4, 5, 6].map((n) => `u${n}@example.com`);
    expect(checkShippingDetails({ method: 'email', deliveryEmails: six })[0].message).toMatch(
      /at most 5/,
    );
    expect(fields({ ...mailed, method: 'email', deliveryEmails: ['a@example.com'] })).toEqual([
      'shipping.recipient',
      'shipping.phone',
      'shipping.province',
      'shipping.city',
      'shipping.district',
      'shipping.address',
      'shipping.postalCode',
    ]);
  });

  it('is refused for paper methods', () => {
    expect(fields({ ...mailed, deliveryEmails: ['a@example.com'] })).toEqual([
      'shipping.deliveryEmails',
    ]);
  });

  it("defaults to email to the account's address", () => {
    expect(withDeliveryDefaults(undefined, 'me@example.com')).toEqual({
      method: 'email',
      deliveryEmails: ['me@example.com'],
    });
    expect(withDeliveryDefaults({ method: 'email', deliveryEmails: [] }, 'me@example.com')).toEqual(
      { method: 'email', deliveryEmails: ['me@example.com'] },
    );
    expect(withDeliveryDefaults(mailed, 'me@example.com')).toBe(mailed);
  });
});
