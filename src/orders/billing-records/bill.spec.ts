import { applicationHoldsBill, isBillApplicable } from './bill';

describe('bill applicability', () => {
  it('is applicable only once the payment has synced', () => {
    expect(isBillApplicable(false, null)).toBe(false);
    expect(isBillApplicable(true, null)).toBe(true);
  });

  it.each(['draft', 'cancelled', 'rejected'])(
    'a %s application does not hold the bill',
    (status) => {
      expect(applicationHoldsBill(status)).toBe(false);
      expect(isBillApplicable(true, status)).toBe(true);
    },
  );

  it.each([
    'submitted',
    'processing',
    'on_hold',
    'issued',
    'mailed_out',
    'ready_for_pickup',
    'picked_up',
  ])('a %s application holds the bill', (status) => {
    expect(applicationHoldsBill(status)).toBe(true);
    expect(isBillApplicable(true, status)).toBe(false);
  });
});
