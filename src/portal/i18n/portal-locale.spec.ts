import { localeFromAcceptLanguage, localeFromCookie, resolveLocale } from './portal-locale';
import { safeReturnPath } from '../http/portal-paths';

describe('the page language', () => {
  it('takes the account first, then the cookie, then Accept-Language, then zh-CN', () => {
    expect(
      resolveLocale({
        accountLocale: 'en',
        cookieHeader: 'fapiao_locale=zh-CN',
        acceptLanguage: 'zh',
      }),
    ).toBe('en');
    expect(resolveLocale({ cookieHeader: 'a=1; fapiao_locale=en', acceptLanguage: 'zh-CN' })).toBe(
      'en',
    );
    expect(resolveLocale({ cookieHeader: 'fapiao_locale=fr', acceptLanguage: 'en-GB' })).toBe('en');
    expect(resolveLocale({})).toBe('zh-CN');
  });

  it('reads Accept-Language by q-value and skips languages the portal does not speak', () => {
    expect(localeFromAcceptLanguage('fr-FR, en;q=0.8, zh;q=0.5')).toBe('en');
    expect(localeFromAcceptLanguage('en;q=0.4, zh-TW;q=0.9')).toBe('zh-CN');
    expect(localeFromAcceptLanguage('en;q=0, fr')).toBeUndefined();
    expect(localeFromAcceptLanguage('*')).toBeUndefined();
    expect(localeFromCookie('fapiao_locale=%20en')).toBeUndefined();
  });
});

describe('safeReturnPath', () => {
  it('keeps paths of this site and refuses everything else', () => {
    expect(safeReturnPath('/applications/1?x=2')).toBe('/applications/1?x=2');
    for (const hostile of [
      '//evil.example',
      'https://evil.example',
      '/\\evil.example',
      'javascript:alert(1)',
      '/api/v1/me',
      '/ok\nSet-Cookie: x',
      42,
    ]) {
      expect(safeReturnPath(hostile)).toBe('/billing-records');
    }
  });
});
