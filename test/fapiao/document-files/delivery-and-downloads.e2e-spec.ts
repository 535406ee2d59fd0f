import JSZip from 'jszip';
import request from 'supertest';
import { StaffRole } from '../../../src/auth/staff/staff-role';
import { Agent, auditRows, createStaff, signIn } from '../../admin/admin-test-kit';
import { createTestApp, TestApp } from '../../support/test-app';
import {
  APPLICATIONS,
  authed,
  mailsTo,
  PAYER,
  payingCustomer,
  PayingCustomer,
  specialTitle,
  submitted,
} from '../fapiao-fixtures';
import { portalAgent, signInThroughForm, submitForm, textOf } from '../../portal/portal-kit';
import { samplePdf, sampleXml } from './fapiao-files-kit';

const api = '/admin/api/resources/applications';
const TODAY = '2026-11-24';

/** Collects a binary body whatever its media type. */
function binary(res: request.Response, done: (error: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

describe('digital fapiao: the issued mail carries the PDF; the owner downloads the files', () => {
  let t: TestApp;
  let clerk: Agent;

  beforeAll(async () => {
    t = await createTestApp({ env: { ADMIN_ENABLED: 'true' } });
    t.clock.set(`${TODAY}T10:00:00+08:00`);
    clerk = await signIn(t, (await createStaff(t, StaffRole.SERVICE_CENTER)).email);
  }, 60_000);
  afterAll(() => t?.close());

  async function issued(
    customer: PayingCustomer,
    number: string,
    files: { pdf?: Buffer; xml?: Buffer; pdfName?: string },
    options: { email: boolean },
  ): Promise<string> {
    const id = await submitted(t, customer, { type: 'special', title: specialTitle });
    // Until delivery by email reaches this branch, an application is made digital in place.
    if (options.email) {
      await t.dataSource.query(
        `UPDATE fapiao_applications SET shipping_method = 'email', shipping_delivery_emails = ARRAY[contact_email] WHERE id = $1`,
        [id],
      );
    }
    await clerk.post(`${api}/records/${id}/startProcessing`).type('form').send({});
    let issue = clerk
      .post(`${api}/records/${id}/issue`)
      .field('documents.0.number', number)
      .field('documents.0.issueDate', TODAY)
      .field('documents.0.taxAmountFen', '7.25');
    if (files.pdf) issue = issue.attach('documents.0.pdf', files.pdf, files.pdfName ?? 'f.pdf');
    if (files.xml) issue = issue.attach('documents.0.xml', files.xml, `${number}.xml`);
    const res = await issue;
    expect(res.body.notice).toMatchObject({ type: 'success', message: 'applicationIssued' });
    return id;
  }

  const xmlFor = (number: string) =>
    sampleXml({
      number,
      issueDate: TODAY,
      buyerName: PAYER,
      buyerTaxId: specialTitle.taxId,
      totalWithoutTax: '120.75',
      tax: '7.25',
      total: '128.00',
    });

  it('mails the PDF as an attachment read at send time, with the download link and the tax account hint', async () => {
    const customer = await payingCustomer(t, { locale: 'en' });
    const number = '26312000000000000101';
    const pdf = await samplePdf(number);
    const id = await issued(customer, number, { pdf, xml: xmlFor(number) }, { email: true });

    // The outbox keeps references, not the file.
    const [row]: { size: number }[] = await t.dataSource.query(
      `SELECT octet_length(context::text) AS size FROM mail_outbox
        WHERE template = 'application-issued' AND context->>'applicationUrl' LIKE '%' || $1`,
      [id],
    );
    expect(row.size).toBeLessThan(1000);

    const [mail] = await mailsTo(t, customer.email, /issued/);
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0]).toMatchObject({
      filename: 'f.pdf',
      contentType: 'application/pdf',
    });
    expect(mail.attachments[0].content.equals(pdf)).toBe(true);
    expect(mail.text).toContain('tax digital account');
    expect(mail.links).toContain(`${t.config.publicBaseUrl}/applications/${id}`);
  });

  it('sends a paper fapiao’s issued mail without attachment, as before', async () => {
    const customer = await payingCustomer(t, { locale: 'en' });
    await issued(customer, '04400101', {}, { email: false });
    const [mail] = await mailsTo(t, customer.email, /issued/);
    expect(mail.attachments).toEqual([]);
    expect(mail.text).toContain('We will let you know when it has been mailed');
  });

  it('serves the files to the owning customer only, with media type and file name', async () => {
    const owner = await payingCustomer(t);
    const number = '26312000000000000102';
    const pdf = await samplePdf(number);
    const id = await issued(
      owner,
      number,
      { pdf, pdfName: `数电发票 ${number}.pdf`, xml: xmlFor(number) },
      { email: true },
    );
    const app = await authed(t, owner.token).get(`${APPLICATIONS}/${id}`);
    const docId = app.body.documents[0].id as string;
    const path = `${APPLICATIONS}/${id}/documents/${docId}/files`;

    const listed = await authed(t, owner.token).get(`${APPLICATIONS}/${id}/documents/files`);
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual([
      {
        documentId: docId,
        number,
        files: [
          expect.objectContaining({
            kind: 'pdf',
            sizeBytes: pdf.length,
            mediaType: 'application/pdf',
          }),
          expect.objectContaining({ kind: 'xml', mediaType: 'application/xml' }),
        ],
      },
    ]);

    const res = await t
      .http()
      .get(`${path}/pdf`)
      .set('Authorization', `Bearer ${owner.token}`)
      .buffer(true)
      .parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/pdf/);
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="${number}.pdf"; filename*=UTF-8''%E6%95%B0%E7%94%B5%E5%8F%91%E7%A5%A8%20${number}.pdf`,
    );
    expect((res.body as Buffer).equals(pdf)).toBe(true);

    const xml = await authed(t, owner.token).get(`${path}/xml`);
    expect(xml.status).toBe(200);
    expect(xml.headers['content-type']).toMatch(/^application\/xml/);

    // Not there, not a kind, not a document of this application: the same 404.
    for (const missing of [
      `${path}/ofd`,
      `${path}/exe`,
      `${APPLICATIONS}/${id}/documents/${id}/files/pdf`,
    ]) {
      const refused = await authed(t, owner.token).get(missing);
      expect(refused.status).toBe(404);
      expect(refused.body.code).toBe('FAPIAO_FILE_NOT_FOUND');
    }

    const stranger = await payingCustomer(t);
    const theirs = await authed(t, stranger.token).get(`${path}/pdf`);
    expect(theirs.status).toBe(404);
    expect(theirs.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(theirs.body.code).toBe('FAPIAO_FILE_NOT_FOUND');
    const theirList = await authed(t, stranger.token).get(`${APPLICATIONS}/${id}/documents/files`);
    expect(theirList.body).toEqual([]);

    expect((await t.http().get(`${path}/pdf`)).status).toBe(401);
  });

  it('links the files on the portal page, downloads them for the owner, and sends them to another address once a day', async () => {
    const owner = await payingCustomer(t, { locale: 'en' });
    const number = '26312000000000000103';
    const pdf = await samplePdf(number);
    const id = await issued(owner, number, { pdf, xml: xmlFor(number) }, { email: true });
    await mailsTo(t, owner.email, /issued/);

    const browser = portalAgent(t, 'en');
    await signInThroughForm(browser, owner.email, owner.password);
    const page = await browser.get(`/applications/${id}`);
    expect(page.status).toBe(200);
    const links = [...page.text.matchAll(/href="([^"]+\/files\/(pdf|xml))"/g)].map((m) => m[1]);
    expect(links).toHaveLength(2);
    expect(textOf(page.text)).toContain('tax digital account');

    const download = await browser
      .get(links.find((l) => l.endsWith('/pdf'))!)
      .buffer(true)
      .parse(binary);
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toMatch(/^application\/pdf/);
    expect((download.body as Buffer).equals(pdf)).toBe(true);

    const stranger = await payingCustomer(t, { locale: 'en' });
    const other = portalAgent(t, 'en');
    await signInThroughForm(other, stranger.email, stranger.password);
    const refused = await other.get(links[0]);
    expect(refused.status).toBe(404);
    expect(refused.headers['content-type']).toMatch(/text\/html/);

    const resend = () =>
      submitForm(browser, `/applications/${id}`, `/applications/${id}/files/resend`, {
        email: 'Accounts@Example.com',
      });
    const sent = await resend();
    expect(sent.status).toBe(303);
    const flash = await browser.get(`/applications/${id}`);
    expect(textOf(flash.text)).toContain(
      'The fapiao files are on their way to Accounts@Example.com',
    );
    await resend();
    const copies = await mailsTo(t, 'accounts@example.com', /issued/);
    expect(copies).toHaveLength(1);
    expect(copies[0].attachments.map((a) => a.content.equals(pdf))).toEqual([true]);

    const invalid = await submitForm(
      browser,
      `/applications/${id}`,
      `/applications/${id}/files/resend`,
      {
        email: 'not an address',
      },
    );
    expect(invalid.status).toBe(303);
    expect(textOf((await browser.get(`/applications/${id}`)).text)).toContain(
      'Please enter a valid email address',
    );

    // Someone else's application: nothing is sent.
    const api = await authed(t, stranger.token).post(
      `${APPLICATIONS}/${id}/documents/files/resend`,
      { email: 'thief@example.com' },
    );
    expect(api.status).toBe(404);
    expect(await mailsTo(t, 'thief@example.com')).toEqual([]);
  });

  it('gives staff one application’s files, or a selection’s, as a zip, and audits the download', async () => {
    const first = await payingCustomer(t);
    const second = await payingCustomer(t);
    const pdf = await samplePdf('one');
    const one = await issued(
      first,
      '26312000000000000201',
      { pdf, xml: xmlFor('26312000000000000201') },
      { email: true },
    );
    const two = await issued(
      second,
      '26312000000000000202',
      { pdf: await samplePdf('two') },
      { email: true },
    );
    const paper = await issued(await payingCustomer(t), '04400201', {}, { email: false });
    const helper = await signIn(t, (await createStaff(t, StaffRole.SUPPORT)).email);

    const single = await helper.post(`${api}/records/${one}/downloadFiles`).send({});
    expect(single.body.notice).toMatchObject({ type: 'success', message: 'fapiaoFilesDownloaded' });
    expect(single.body.filename).toBe(`fapiao-${first.orderNumber}.zip`);
    const zip = await JSZip.loadAsync(Buffer.from(single.body.zip as string, 'base64'));
    expect(
      Object.keys(zip.files)
        .filter((name) => !zip.files[name].dir)
        .sort(),
    ).toEqual([
      `${first.orderNumber}/26312000000000000201.pdf`,
      `${first.orderNumber}/26312000000000000201.xml`,
    ]);
    expect(
      (await zip.file(`${first.orderNumber}/26312000000000000201.pdf`)!.async('nodebuffer')).equals(
        pdf,
      ),
    ).toBe(true);

    const bulk = await clerk
      .post(`${api}/bulk/bulkDownloadFiles?recordIds=${one},${two},${paper}`)
      .send({});
    const both = await JSZip.loadAsync(Buffer.from(bulk.body.zip as string, 'base64'));
    expect(Object.keys(both.files).filter((name) => !both.files[name].dir)).toHaveLength(3);

    const none = await clerk.post(`${api}/records/${paper}/downloadFiles`).send({});
    expect(none.body.notice).toMatchObject({ type: 'info', message: 'noFapiaoFiles' });
    expect(none.body.zip).toBeUndefined();

    // The test clock stands still, so the two entries tie on time: compared in any order.
    const audited = (await auditRows(t, 'application.download_files')).map((r) => r.after);
    expect(audited).toHaveLength(2);
    expect(audited).toEqual(
      expect.arrayContaining([
        { applications: 1, files: 2 },
        { applications: 3, files: 3 },
      ]),
    );
  });
});
