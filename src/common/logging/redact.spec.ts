import { redactUrl } from './redact';

describe('redactUrl', () => {
  it('hides token values in query strings and keeps the rest', () => {
    expect(redactUrl('/activate?token=abc123&lang=en')).toBe('/activate?token=[redacted]&lang=en');
    expect(redactUrl('/x?lang=en&Token=abc')).toBe('/x?lang=en&Token=[redacted]');
  });

  it('leaves URLs without secrets alone', () => {
    expect(redactUrl('/api/v1/billing-records?page=2')).toBe('/api/v1/billing-records?page=2');
    expect(redactUrl(undefined)).toBeUndefined();
  });
});
