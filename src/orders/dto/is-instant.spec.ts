import { isInstant } from './is-instant';

describe('isInstant', () => {
  it.each([
    '2026-03-01T10:15:00+08:00',
    '2026-03-01T02:15:00Z',
    '2026-03-01T02:15:00.123Z',
    '2026-03-01T02:15-05:00',
    '2024-02-29T00:00:00Z',
  ])('accepts %s', (value) => expect(isInstant(value)).toBe(true));

  it.each([
    '2026-03-01T10:15:00', // no zone: ambiguous
    '2026-03-01',
    '2026-02-30T10:00:00Z', // no such day
    '2026-13-01T10:00:00Z',
    '2026-03-01T25:00:00Z',
    'yesterday',
    1_700_000_000,
    null,
  ])('refuses %p', (value) => expect(isInstant(value)).toBe(false));
});
