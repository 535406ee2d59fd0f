import { billInvariantHolds } from './bill-ledger';

describe('bill invariant (valid blue minus reversals vs the bill)', () => {
  it('holds below the bill before issue and exactly at it once issued', () => {
    expect(billInvariantHolds(0, 12_800, false)).toBe(true);
    expect(billInvariantHolds(5_000, 12_800, false)).toBe(true);
    expect(billInvariantHolds(12_800, 12_800, true)).toBe(true);
  });

  it('fails above the bill at any point, below it once issued, and below zero', () => {
    expect(billInvariantHolds(12_801, 12_800, false)).toBe(false);
    expect(billInvariantHolds(25_600, 12_800, true)).toBe(false);
    expect(billInvariantHolds(12_799, 12_800, true)).toBe(false);
    expect(billInvariantHolds(-1, 12_800, false)).toBe(false);
  });
});
