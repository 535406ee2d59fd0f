import { formatBeijingDateTime, formatYuan } from './template-helpers';

describe('mail template helpers', () => {
  it('formats integer fen as yuan', () => {
    expect(formatYuan(0)).toBe('¥0.00');
    expect(formatYuan(5)).toBe('¥0.05');
    expect(formatYuan(123456789)).toBe('¥1,234,567.89');
    expect(formatYuan(-1050)).toBe('-¥10.50');
    expect(() => formatYuan(1.5)).toThrow('yuan expects an integer amount in fen, got 1.5');
    expect(() => formatYuan('100')).toThrow('got "100"');
  });

  it('formats an instant in Beijing time', () => {
    expect(formatBeijingDateTime('2026-11-24T16:05:00Z')).toBe('2026-11-25 00:05');
    expect(formatBeijingDateTime(new Date('2026-01-01T00:00:00Z'))).toBe('2026-01-01 08:00');
    expect(() => formatBeijingDateTime('tomorrow')).toThrow('datetime expects an ISO-8601 instant');
  });
});
