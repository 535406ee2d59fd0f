import { createHash } from 'node:crypto';
import { StaffRole } from '../../../src/auth/staff/staff-role';
import { Agent, createStaff, signIn } from '../../admin/admin-test-kit';
import { createTestApp, TestApp } from '../../support/test-app';
import {
  APPLICATIONS,
  authed,
  PAYER,
  payingCustomer,
  specialTitle,
  submitted,
} from '../fapiao-fixtures';
import { sampleOfd, samplePdf, sampleXml, type EInvoiceXmlFacts } from './fapiao-files-kit';

const api = '/admin/api/resources/applications';
const TODAY = '2026-11-24';
/** Small enough for a test to go over it with a few kilobytes. */
const MAX_BYTES = 16 * 1024;

type Upload = { name: string; content: Buffer };

interface StaffError {
  message: string;
  options?: Record<string, string>;
  more?: StaffError[];
}

describe('back office: issuing with the tax platform files', () => {
  let t: TestApp;
  let clerk: Agent;

  beforeAll(async () => {
    t = await createTestApp({
      env: { ADMIN_ENABLED: 'true', FAPIAO_FILE_MAX_BYTES: String(MAX_BYTES) },
    });
    t.clock.set(`${TODAY}T10:00:00+08:00`);
    clerk = await signIn(t, (await createStaff(t, StaffRole.SERVICE_CENTER)).email);
  }, 60_000);
  afterAll(() => t?.close());

  /** An XML's field errors (a translation key each, with its values) told as one sentence. */
  function disagreements(error: StaffError): string {
    return [error, ...(error.more ?? [])]
      .map((e) => {
        expect(e.message).toMatch(/^xml[A-Za-z]+Disagrees$/);
        return `${e.options!.what} is ${e.options!.found}, expected "${e.options!.expected}"`;
      })
      .join('; ');
  }

  /** A special-fapiao application in processing, ready to issue. */
  async function processing(options: { email?: boolean } = {}) {
    const customer = await payingCustomer(t);
    const id = await submitted(t, customer, {
      type: 'special',
      title: specialTitle,
      ...(options.email ? { shipping: { method: 'email' } } : {}),
    });
    const started = await clerk.post(`${api}/records/${id}/startProcessing`).type('form').send({});
    expect(started.body.notice.type).toBe('success');
    return { customer, id };
  }

  function issue(id: string, fields: Record<string, string>, files: Record<string, Upload>) {
    let request = clerk.post(`${api}/records/${id}/issue`);
    for (const [name, value] of Object.entries(fields)) request = request.field(name, value);
    for (const [name, file] of Object.entries(files)) {
      request = request.attach(name, file.content, file.name);
    }
    return request;
  }

  const facts = (number: string, overrides: Partial<EInvoiceXmlFacts> = {}): EInvoiceXmlFacts => ({
    number,
    issueDate: TODAY,
    buyerName: PAYER,
    buyerTaxId: specialTitle.taxId,
    totalWithoutTax: '120.75',
    tax: '7.25',
    total: '128.00',
    ...overrides,
  });

  const entry = (number: string) => ({
    'documents.0.number': number,
    'documents.0.issueDate': TODAY,
    'documents.0.taxAmountFen': '7.25',
  });

  const stateOf = async (id: string) =>
    (
      await t.dataSource.query(
        `SELECT a.status,
                (SELECT count(*)::int FROM fapiao_documents d WHERE d.application_id = a.id) AS documents,
                (SELECT count(*)::int FROM document_files f JOIN fapiao_documents d ON d.id = f.document_id
                  WHERE d.application_id = a.id) AS files
           FROM fapiao_applications a WHERE a.id = $1`,
        [id],
      )
    )[0];

  it('stores the PDF, OFD and XML of a digital fapiao whose XML matches the application', async () => {
    const { id } = await processing({ email: true });
    const number = '26312000000000000001';
    const pdf = await samplePdf(number);
    const res = await issue(id, entry(number), {
      'documents.0.pdf': { name: `发票 ${number}.pdf`, content: pdf },
      'documents.0.ofd': { name: `${number}.ofd`, content: await sampleOfd() },
      'documents.0.xml': { name: `${number}.xml`, content: sampleXml(facts(number)) },
    });
    expect(res.body.notice).toMatchObject({ type: 'success', message: 'applicationIssued' });
    // Delivered by its mail: back to the application, and no parcel to send.
    expect(res.body.redirectUrl).toBe(`/admin/resources/applications/records/${id}/show`);
    const shown = await clerk.get(`${api}/records/${id}/show`);
    const offered = shown.body.record.recordActions.map((a: { name: string }) => a.name);
    expect(offered).not.toContain('markMailedOut');
    expect(offered).not.toContain('markReadyForPickup');

    const files: {
      kind: string;
      file_name: string;
      media_type: string;
      size_bytes: number;
      sha256: string;
    }[] = await t.dataSource.query(
      `SELECT f.kind, f.file_name, f.media_type, f.size_bytes, f.sha256
           FROM document_files f JOIN fapiao_documents d ON d.id = f.document_id
          WHERE d.application_id = $1 ORDER BY f.kind`,
      [id],
    );
    expect(files.map((f) => [f.kind, f.media_type])).toEqual([
      ['ofd', 'application/ofd'],
      ['pdf', 'application/pdf'],
      ['xml', 'application/xml'],
    ]);
    const stored = files.find((f) => f.kind === 'pdf')!;
    expect(stored).toMatchObject({
      file_name: `发票 ${number}.pdf`,
      size_bytes: pdf.length,
      sha256: createHash('sha256').update(pdf).digest('hex'),
    });
  });

  it('refuses a digital fapiao without its PDF, or with a number that is not 20 digits, and writes nothing', async () => {
    const { id } = await processing({ email: true });
    const withoutPdf = await issue(id, entry('26312000000000000002'), {});
    expect(withoutPdf.body.notice).toMatchObject({ type: 'error', message: 'FAPIAO_FILE_INVALID' });
    expect(withoutPdf.body.fieldErrors['documents.0.pdf'].message).toBe('fieldRequired');

    const paperNumber = await issue(id, entry('04400001'), {
      'documents.0.pdf': { name: 'a.pdf', content: await samplePdf() },
    });
    expect(paperNumber.body.notice).toMatchObject({
      type: 'error',
      message: 'APPLICATION_INVALID',
    });
    expect(paperNumber.body.fieldErrors['documents.0.number'].message).toBe('digitalNumberInvalid');
    expect(await stateOf(id)).toEqual({ status: 'processing', documents: 0, files: 0 });
  });

  it('judges files by their content: a renamed text, a damaged PDF, a zip without OFD.xml, broken XML, an oversized file', async () => {
    const { id } = await processing();
    const number = '26312000000000000003';
    const refusedFor = async (field: string, upload: Upload) => {
      const res = await issue(id, entry(number), { [field]: upload });
      expect(res.status).toBe(200);
      expect(res.body.notice).toMatchObject({ type: 'error', message: 'FAPIAO_FILE_INVALID' });
      // The staff-facing key; the sentence behind it names the file's problem in their language.
      return res.body.fieldErrors[field].message as string;
    };
    expect(
      await refusedFor('documents.0.pdf', { name: 'x.pdf', content: Buffer.from('just text') }),
    ).toBe('pdfInvalid');
    expect(
      await refusedFor('documents.0.pdf', {
        name: 'x.pdf',
        content: Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage'),
      }),
    ).toBe('pdfInvalid');
    expect(
      await refusedFor('documents.0.ofd', { name: 'x.ofd', content: await sampleOfd(false) }),
    ).toBe('ofdInvalid');
    expect(await refusedFor('documents.0.ofd', { name: 'x.ofd', content: await samplePdf() })).toBe(
      'ofdInvalid',
    );
    expect(
      await refusedFor('documents.0.xml', {
        name: 'x.xml',
        content: Buffer.from('<EInvoice><a></EInvoice>'),
      }),
    ).toBe('xmlInvalid');
    const big = Buffer.concat([await samplePdf(), Buffer.alloc(MAX_BYTES, 0x20)]);
    expect(await refusedFor('documents.0.pdf', { name: 'big.pdf', content: big })).toBe(
      'fileTooLarge',
    );
    expect(await stateOf(id)).toEqual({ status: 'processing', documents: 0, files: 0 });

    // A paper fapiao needs no files; the same entry then issues.
    const ok = await issue(id, entry(number), {});
    expect(ok.body.notice.type).toBe('success');
    expect(await stateOf(id)).toEqual({ status: 'issued', documents: 1, files: 0 });
  });

  it('blocks an issue whose XML disagrees with the entry or the application, naming each field', async () => {
    const { id } = await processing({ email: true });
    const number = '26312000000000000004';
    const pdf = { name: 'f.pdf', content: await samplePdf() };
    const mismatch = await issue(id, entry(number), {
      'documents.0.pdf': pdf,
      'documents.0.xml': {
        name: 'f.xml',
        content: sampleXml(
          facts('26312000000000000999', {
            issueDate: '2026-11-23',
            buyerName: 'Another Buyer Ltd.',
            buyerTaxId: '91310000MA1FL8XQ30',
            // One fen off: compared in fen from the decimal text, not as floats.
            total: '127.99',
          }),
        ),
      },
    });
    expect(mismatch.body.notice).toMatchObject({ type: 'error', message: 'FAPIAO_XML_MISMATCH' });
    const message = disagreements(mismatch.body.fieldErrors['documents.0.xml']);
    expect(message).toContain(
      'the fapiao number is "26312000000000000999", expected "26312000000000000004"',
    );
    expect(message).toContain('the issue date is "2026-11-23"');
    expect(message).toContain('the buyer name is "Another Buyer Ltd."');
    expect(message).toContain('the buyer taxpayer ID is "91310000MA1FL8XQ30"');
    expect(message).toContain('the total with tax (价税合计, fen) is "12799", expected "12800"');
    expect(await stateOf(id)).toEqual({ status: 'processing', documents: 0, files: 0 });

    const notAnEInvoice = await issue(id, entry(number), {
      'documents.0.pdf': pdf,
      'documents.0.xml': {
        name: 'f.xml',
        content: Buffer.from('<Invoice><Number>1</Number></Invoice>'),
      },
    });
    expect(notAnEInvoice.body.fieldErrors['documents.0.xml'].message).toBe('xmlInvalid');

    // A lower-case taxpayer ID in the XML names the same buyer.
    const matching = await issue(id, entry(number), {
      'documents.0.pdf': pdf,
      'documents.0.xml': {
        name: 'f.xml',
        content: sampleXml(facts(number, { buyerTaxId: specialTitle.taxId.toLowerCase() })),
      },
    });
    expect(matching.body.notice.type).toBe('success');
    expect(await stateOf(id)).toEqual({ status: 'issued', documents: 1, files: 2 });
  });

  it('records the tax rate (checked against the XML) and a paper fapiao’s invoice code; the customer sees them', async () => {
    const { customer, id } = await processing({ email: true });
    const number = '26312000000000000005';
    const pdf = { name: 'f.pdf', content: await samplePdf() };
    const xml = { name: 'f.xml', content: sampleXml(facts(number)) };

    const wrongRate = await issue(
      id,
      { ...entry(number), 'documents.0.taxRate': '13%' },
      {
        'documents.0.pdf': pdf,
        'documents.0.xml': xml,
      },
    );
    expect(wrongRate.body.notice.message).toBe('FAPIAO_XML_MISMATCH');
    expect(disagreements(wrongRate.body.fieldErrors['documents.0.xml'])).toContain(
      'the tax rate (basis points) is "600", expected "1300"',
    );
    const badRate = await issue(
      id,
      { ...entry(number), 'documents.0.taxRate': 'six' },
      { 'documents.0.pdf': pdf },
    );
    expect(badRate.body.fieldErrors['documents.0.taxRate'].message).toBe('taxRateInvalid');
    const codeOnDigital = await issue(
      id,
      { ...entry(number), 'documents.0.invoiceCode': '031002400111' },
      { 'documents.0.pdf': pdf },
    );
    expect(codeOnDigital.body.fieldErrors['documents.0.invoiceCode'].message).toBe(
      'invoiceCodeOnDigital',
    );

    const ok = await issue(
      id,
      { ...entry(number), 'documents.0.taxRate': '6' },
      {
        'documents.0.pdf': pdf,
        'documents.0.xml': xml,
      },
    );
    expect(ok.body.notice.type).toBe('success');
    const view = await authed(t, customer.token).get(`${APPLICATIONS}/${id}`);
    expect(view.body.documents).toEqual([
      expect.objectContaining({
        number,
        amountFen: 12_800,
        taxAmountFen: 725,
        amountWithoutTaxFen: 12_075,
        taxRateBasisPoints: 600,
      }),
    ]);
    expect(view.body.documents[0].invoiceCode).toBeUndefined();

    // A legacy paper fapiao: 8-digit number and its 10- or 12-digit code.
    const paper = await processing();
    const badCode = await issue(
      paper.id,
      { ...entry('04400005'), 'documents.0.invoiceCode': '1234' },
      {},
    );
    expect(badCode.body.fieldErrors['documents.0.invoiceCode'].message).toBe('invoiceCodeInvalid');
    const paperOk = await issue(
      paper.id,
      { ...entry('04400005'), 'documents.0.invoiceCode': '031002400111' },
      {},
    );
    expect(paperOk.body.notice.type).toBe('success');
    const paperView = await authed(t, paper.customer.token).get(`${APPLICATIONS}/${paper.id}`);
    expect(paperView.body.documents[0]).toMatchObject({
      number: '04400005',
      invoiceCode: '031002400111',
    });
    expect(paperView.body.documents[0].taxRateBasisPoints).toBeUndefined();
  });
});
