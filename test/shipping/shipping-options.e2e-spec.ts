import { createTestApp, TestApp } from '../support/test-app';

describe('GET /api/v1/shipping/options', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('lists email (the default), then paper by Yunda, SF freight collect and pick-up at the Shanghai branch, without login', async () => {
    const res = await t.http().get('/api/v1/shipping/options');
    expect(res.status).toBe(200);
    const methods = res.body.methods as {
      method: string;
      electronic: boolean;
      freightCollect: boolean;
      requiredFields: string[];
    }[];
    expect(res.body.defaultMethod).toBe('email');
    expect(methods.map((m) => m.method)).toEqual([
      'email',
      'yunda',
      'sf_freight_collect',
      'pickup',
    ]);
    expect(methods[0]).toMatchObject({ electronic: true, requiredFields: ['deliveryEmails'] });
    expect(methods.slice(1).every((m) => !m.electronic)).toBe(true);
    expect(methods.find((m) => m.method === 'sf_freight_collect')?.freightCollect).toBe(true);
    expect(methods[1].requiredFields).toEqual([
      'recipient',
      'phone',
      'province',
      'city',
      'district',
      'address',
      'postalCode',
    ]);
    expect(res.body.methods[3]).toMatchObject({
      requiredFields: ['recipient', 'phone'],
      branch: {
        address: {
          en: 'Shanghai, Pudong New Area, Keyuan Road No. 88, German Center, building 3, 657',
          'zh-CN': expect.stringContaining('科苑路88号'),
        },
        contactPhone: '021-28986102',
        contact: {
          en: 'Zhu Qinqin, 021-28986102',
          'zh-CN': expect.stringContaining('021-28986102'),
        },
      },
    });
  });

  it('is documented in OpenAPI together with the fapiao routes', async () => {
    const res = await t.http().get('/api/docs-json');
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/shipping/options',
        '/api/v1/notices',
        '/api/v1/fapiao/prefill',
        '/api/v1/fapiao/applications',
        '/api/v1/fapiao/applications/{id}',
        '/api/v1/fapiao/applications/{id}/confirm',
        '/api/v1/fapiao/applications/{id}/cancel',
      ]),
    );
  });
});
