import { formatYuan, parseYuan } from './money';

describe('yuan typed by staff, fen stored', () => {
  it.each([
    ['1288', 128_800],
    ['1,288.00', 128_800],
    ['¥1288.5', 128_850],
    ['￥ 1,234,567.89', 123_456_789],
    ['0.01', 1],
    ['0.1', 10],
    ['7.25', 725],
    [' 19.99 ', 1_999],
    ['90071992547409.91', 9_007_199_254_740_991],
  ])('reads %p as %p fen, exactly', (text, fen) => {
    expect(parseYuan(text)).toBe(fen);
  });

  it.each([
    '',
    '¥',
    '1288.005',
    '-1',
    '+1',
    '1e3',
    '12,88',
    '1,2888',
    ',128',
    '1.',
    '.5',
    '１２８８',
    'ten',
    '90071992547409.92',
    '1288 yuan',
  ])('refuses %p', (text) => {
    expect(parseYuan(text)).toBeUndefined();
  });

  it('never goes through floating point (0.29 is 29 fen, not 28.999…)', () => {
    expect(parseYuan('0.29')).toBe(29);
    expect(parseYuan('1.15')).toBe(115);
  });

  it.each([
    [128_800, '¥1,288.00'],
    [5, '¥0.05'],
    [0, '¥0.00'],
    [123_456_789, '¥1,234,567.89'],
    [-7_250, '-¥72.50'],
  ])('shows %p fen as %p', (fen, text) => {
    expect(formatYuan(fen)).toBe(text);
  });
});
