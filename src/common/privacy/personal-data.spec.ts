import { maskAddress, maskIdNumber, maskPersonalData, maskPhone } from './personal-data';

describe('personal data masks', () => {
  it('keeps only what identifies the kind of value, not the person', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('021-28986102')).toBe('021****6102');
    expect(maskPhone('12345')).toBe('****');
    expect(maskAddress('上海市浦东新区科苑路88号德国中心3号楼657室')).toBe('上海市浦东新****');
    expect(maskAddress('短地址')).toBe('****');
    expect(maskIdNumber('91350100M000100Y43')).toBe('9135****0Y43');
    expect(maskIdNumber('4563 5100 0000 1234')).toBe('4563****1234');
    expect(maskIdNumber('110101199003077777')).not.toContain('19900307');
  });

  it('leaves missing values alone', () => {
    expect(maskPersonalData('phone', null)).toBeNull();
    expect(maskPersonalData('address', '')).toBe('');
    expect(maskPersonalData('idNumber', undefined)).toBeUndefined();
  });
});
