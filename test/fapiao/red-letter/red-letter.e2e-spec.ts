import { StaffRole } from '../../../src/auth/staff/staff-role';
import { DigitalIssueService } from '../../../src/fapiao/document-files/digital-issue.service';
import { RedLetterLapseJob } from '../../../src/fapiao/red-letter/red-letter-lapse.job';
import { RedLetterService } from '../../../src/fapiao/red-letter/red-letter.service';
import { ProblemException } from '../../../src/common/errors/problem.exception';
import { Agent, auditRows, createStaff, signIn } from '../../admin/admin-test-kit';
import {
  issuedAndMailed,
  openRequest,
  REQUESTS,
  SUPPORT_API,
  supportAction as act,
} from '../../admin/support-request-kit';
import { portalAgent, signInThroughForm, textOf } from '../../portal/portal-kit';
import { createTestApp, TestApp } from '../../support/test-app';
import { HOUR, MINUTE } from '../../support/test-clock';
import {
  APPLICATIONS,
  authed,
  mailsTo,
  PAYER,
  payingCustomer,
  PayingCustomer,
  signInAgain,
  specialTitle,
  STAFF,
  staff,
  submitted,
} from '../fapiao-fixtures';
import { samplePdf, sampleXml } from '../document-files/fapiao-files-kit';

const TODAY = '2026-11-24';
const NEW_NAME = 'Shanghai New Name Technology Co., Ltd.';

type Form = {
  id: string;
  status: string;
  reasonCode: string;
  amountFen: number;
  originalNumber: string;
  needsBuyerConfirmation: boolean;
  deadlineAt?: string;
  confirmedAt?: string;
  redNumber?: string;
  history: { from: string | null; to: string; message?: string }[];
};

describe('red letter for digital fapiao', () => {
  let t: TestApp;
  let helper: Agent;
  let sequence = 0;

  beforeAll(async () => {
    t = await createTestApp({ env: { ADMIN_ENABLED: 'true' } });
    t.clock.set(`${TODAY}T10:00:00+08:00`);
    helper = await signIn(t, (await createStaff(t, StaffRole.SUPPORT, 'red@example.com')).email);
  }, 60_000);
  afterAll(() => t?.close());

  /** A 20-digit number no other test uses. */
  const number = (prefix: string) =>
    `${prefix}${String(++sequence).padStart(20 - prefix.length, '0')}`;

  /** A special fapiao delivered by email, issued with its PDF (through the services). */
  async function digitalIssued(customer: PayingCustomer, options: { taxId?: boolean } = {}) {
    const withTaxId = options.taxId ?? true;
    const title = withTaxId ? specialTitle : { buyerName: PAYER };
    const id = await submitted(t, customer, {
      type: withTaxId ? 'special' : 'normal',
      title,
      shipping: { method: 'email' },
    });
    await staff(t).startProcessing(id, STAFF);
    const original = number('2631');
    await t.get(DigitalIssueService).issue(id, STAFF, [
      {
        number: original,
        issueDate: TODAY,
        amountFen: customer.amountFen,
        taxAmountFen: 725,
        files: { pdf: { fileName: `${original}.pdf`, content: await samplePdf(original) } },
      },
    ]);
    return { id, original };
  }

  async function retitleRequest(customer: PayingCustomer, applicationId: string) {
    const id = await openRequest(t, customer, {
      type: 'retitle',
      applicationId,
      newTitle: { ...specialTitle, buyerName: NEW_NAME },
      message: 'Wrong company name',
    });
    expect((await act(helper, id, 'startProgress')).body.notice.type).toBe('success');
    return id;
  }

  const formsOf = async (customer: PayingCustomer, requestId: string): Promise<Form[]> => {
    // Signed in again: the test clock moves past a token's lifetime.
    const { token } = await signInAgain(t, customer);
    const res = await authed(t, token).get(`${REQUESTS}/${requestId}`);
    expect(res.status).toBe(200);
    return res.body.redLetterForms;
  };

  /** Posts a back-office form with a fapiao row (`red` or `blue`) and its files. */
  async function withFiles(
    requestId: string,
    action: string,
    prefix: string,
    fields: Record<string, string>,
    files: Record<string, Buffer>,
  ) {
    let req = helper.post(`${SUPPORT_API}/records/${requestId}/${action}`);
    for (const [name, value] of Object.entries(fields))
      req = req.field(`${prefix}.0.${name}`, value);
    for (const [kind, content] of Object.entries(files)) {
      req = req.attach(`${prefix}.0.${kind}`, content, `${fields.number}.${kind}`);
    }
    return req;
  }

  /** Everything a red-letter step can change. */
  const stateOf = async (requestId: string) =>
    (
      await t.dataSource.query(
        `SELECT r.status, r.documents_issued_at IS NOT NULL AS issued,
                (SELECT json_agg(json_build_object('status', f.status, 'red', f.red_document_id) ORDER BY f.created_at)
                   FROM red_letter_forms f WHERE f.support_request_id = r.id) AS forms,
                (SELECT count(*)::int FROM red_letter_form_history h
                   JOIN red_letter_forms f ON f.id = h.form_id WHERE f.support_request_id = r.id) AS form_history,
                (SELECT count(*)::int FROM support_request_history h WHERE h.request_id = r.id) AS history,
                (SELECT count(*)::int FROM fapiao_documents d WHERE d.application_id = r.application_id) AS documents,
                (SELECT count(*)::int FROM mail_outbox m WHERE m.recipient = r.contact_email) AS mails
           FROM support_requests r WHERE r.id = $1`,
        [requestId],
      )
    )[0];

  it('takes a digital retitle through a confirmation form, the red fapiao and the new fapiao', async () => {
    const customer = await payingCustomer(t, { locale: 'en', amountFen: 12_800 });
    const { id: appId, original } = await digitalIssued(customer);
    const requestId = await retitleRequest(customer, appId);

    // The one-step retitle of paper fapiao refuses a digital one.
    const oneStep = await act(helper, requestId, 'issueRetitle', {
      'red.number': number('2632'),
      'red.issueDate': TODAY,
      'blue.number': number('2633'),
      'blue.issueDate': TODAY,
      'blue.taxAmountFen': '7.25',
    });
    expect(oneStep.body.notice).toMatchObject({
      type: 'error',
      message: 'ILLEGAL_REQUEST_TRANSITION',
    });

    const opened = await act(helper, requestId, 'openRedLetterForm', {
      reasonCode: '01',
      buyerBooked: 'yes',
    });
    expect(opened.body.notice).toMatchObject({ type: 'success', message: 'redLetterFormOpened' });
    let [form] = await formsOf(customer, requestId);
    expect(form).toMatchObject({
      status: 'waiting_for_buyer',
      reasonCode: '01',
      amountFen: 12_800,
      originalNumber: original,
      needsBuyerConfirmation: true,
      deadlineAt: new Date(t.clock.now().getTime() + 72 * HOUR).toISOString(),
    });
    const [mail] = await mailsTo(t, customer.email, /Red-letter confirmation form/);
    expect(mail.text).toContain(original);
    expect(mail.text).toContain('¥128.00');
    expect(mail.text).toContain('2026-11-27 10:00 (Beijing time)');
    expect(mail.text).toContain('e-tax platform');

    // The portal's pages say what to do, in yuan and Beijing time.
    const browser = portalAgent(t, 'en');
    await signInThroughForm(browser, customer.email, customer.password);
    for (const page of [`/support-requests/${requestId}`, `/applications/${appId}`]) {
      const html = await browser.get(page);
      expect(html.status).toBe(200);
      const text = textOf(html.text);
      expect(text).toContain('Red-letter confirmation forms');
      expect(text).toContain('Waiting for the buyer');
      expect(text).toContain('¥128.00');
      expect(text).toContain('Before 2026-11-27 10:00 (Beijing time), sign in to your company');
    }

    // The application's read shows it too.
    const app = await authed(t, customer.token).get(`${APPLICATIONS}/${appId}`);
    expect(app.body.redLetterForms).toEqual([expect.objectContaining({ id: form.id })]);

    // A second form for the same fapiao is refused while this one stands.
    const second = await act(helper, requestId, 'openRedLetterForm', {
      reasonCode: '01',
      buyerBooked: 'yes',
    });
    expect(second.body.notice).toMatchObject({ type: 'error', message: 'RED_LETTER_FORM_OPEN' });

    // The red fapiao waits for the buyer's confirmation.
    const early = await withFiles(
      requestId,
      'recordRedFapiao',
      'red',
      { number: number('2634'), issueDate: TODAY },
      { pdf: await samplePdf('red') },
    );
    expect(early.body.notice).toMatchObject({
      type: 'error',
      message: 'ILLEGAL_RED_LETTER_TRANSITION',
    });

    t.clock.advance(30 * HOUR);
    const confirmed = await act(helper, requestId, 'confirmRedLetterForm');
    expect(confirmed.body.notice).toMatchObject({
      type: 'success',
      message: 'redLetterFormConfirmed',
    });
    [form] = await formsOf(customer, requestId);
    expect(form.status).toBe('confirmed');
    expect(form.confirmedAt).toBe(t.clock.now().toISOString());

    // Confirming twice changes nothing and says why.
    const before = await stateOf(requestId);
    await expect(t.get(RedLetterService).confirm(form.id, STAFF)).rejects.toMatchObject({
      status: 409,
      code: 'ILLEGAL_RED_LETTER_TRANSITION',
      detail: expect.stringContaining('is confirmed'),
    });
    expect(await stateOf(requestId)).toEqual(before);

    // The red fapiao: 20 digits, a PDF, and an XML that agrees with the reversal.
    const red = number('2635');
    const noPdf = await withFiles(
      requestId,
      'recordRedFapiao',
      'red',
      { number: red, issueDate: TODAY },
      {},
    );
    expect(noPdf.body.notice).toMatchObject({ type: 'error', message: 'FAPIAO_FILE_INVALID' });
    expect(noPdf.body.fieldErrors.pdf.message).toBe('fieldRequired');
    const wrongXml = await withFiles(
      requestId,
      'recordRedFapiao',
      'red',
      { number: red, issueDate: TODAY },
      {
        pdf: await samplePdf(red),
        xml: sampleXml({
          number: red,
          issueDate: TODAY,
          buyerName: PAYER,
          buyerTaxId: specialTitle.taxId,
          totalWithoutTax: '120.75',
          tax: '7.25',
          total: '128.00',
        }),
      },
    );
    expect(wrongXml.body.notice).toMatchObject({ type: 'error', message: 'FAPIAO_XML_MISMATCH' });
    expect(await stateOf(requestId)).toEqual(before);

    const recorded = await withFiles(
      requestId,
      'recordRedFapiao',
      'red',
      { number: red, issueDate: TODAY },
      {
        pdf: await samplePdf(red),
        xml: sampleXml({
          number: red,
          issueDate: TODAY,
          buyerName: PAYER,
          buyerTaxId: specialTitle.taxId,
          totalWithoutTax: '-120.75',
          tax: '-7.25',
          total: '-128.00',
        }),
      },
    );
    expect(recorded.body.notice).toMatchObject({
      type: 'success',
      message: 'redLetterRedRecorded',
    });
    [form] = await formsOf(customer, requestId);
    expect(form).toMatchObject({ status: 'confirmed', redNumber: red });
    const redMail = await mailsTo(t, customer.email, new RegExp(red));
    expect(redMail).toHaveLength(1);
    expect(redMail[0].attachments?.map((a) => a.filename)).toEqual([`${red}.pdf`]);

    // A second red fapiao on the same form is refused.
    const again = await withFiles(
      requestId,
      'recordRedFapiao',
      'red',
      { number: number('2636'), issueDate: TODAY },
      { pdf: await samplePdf('again') },
    );
    expect(again.body.notice.type).toBe('error');

    // The new blue fapiao, with the new title and its files.
    const blue = number('2637');
    const issued = await withFiles(
      requestId,
      'issueDigitalRetitle',
      'blue',
      { number: blue, issueDate: TODAY, taxAmountFen: '7.25', taxRate: '6' },
      {
        pdf: await samplePdf(blue),
        xml: sampleXml({
          number: blue,
          issueDate: TODAY,
          buyerName: NEW_NAME,
          buyerTaxId: specialTitle.taxId,
          totalWithoutTax: '120.75',
          tax: '7.25',
          total: '128.00',
        }),
      },
    );
    expect(issued.body.notice).toMatchObject({ type: 'success', message: 'supportRetitleIssued' });
    const after = await authed(t, (await signInAgain(t, customer)).token).get(
      `${APPLICATIONS}/${appId}`,
    );
    expect(after.body.status).toBe('issued');
    expect(after.body.title.buyerName).toBe(NEW_NAME);
    expect(
      after.body.documents.map((d: { kind: string; number: string; amountFen: number }) => [
        d.kind,
        d.number,
        d.amountFen,
      ]),
    ).toEqual([
      ['blue', original, 12_800],
      ['red', red, -12_800],
      ['blue', blue, 12_800],
    ]);
    const blueMail = await mailsTo(t, customer.email, new RegExp(blue));
    expect(blueMail[0].attachments?.map((a) => a.filename)).toEqual([`${blue}.pdf`]);

    // Issuing the new fapiao twice is refused.
    const twice = await withFiles(
      requestId,
      'issueDigitalRetitle',
      'blue',
      { number: number('2638'), issueDate: TODAY, taxAmountFen: '7.25' },
      { pdf: await samplePdf('twice') },
    );
    expect(twice.body.notice.type).toBe('error');

    // Every step is audited.
    const actions = (await auditRows(t))
      .filter((r) => r.record_id === requestId && r.action.startsWith('support_request.red_letter'))
      .map((r) => r.action)
      .sort();
    expect(actions).toEqual([
      'support_request.red_letter_confirm',
      'support_request.red_letter_new_fapiao',
      'support_request.red_letter_open',
      'support_request.red_letter_red_fapiao',
    ]);
    expect(
      (await act(helper, requestId, 'resolve', { resolution: 'Reissued' })).body.notice.type,
    ).toBe('success');
  });

  it('lets a form lapse after 72 hours on the clock; confirming it then is refused', async () => {
    const customer = await payingCustomer(t, { amountFen: 12_800 });
    const { id: appId } = await digitalIssued(customer);
    const requestId = await retitleRequest(customer, appId);
    await act(helper, requestId, 'openRedLetterForm', { reasonCode: '01', buyerBooked: 'yes' });
    const [form] = await formsOf(customer, requestId);
    const job = t.get(RedLetterLapseJob);

    t.clock.advance(72 * HOUR - MINUTE);
    expect(await job.run()).toEqual({ ran: true, lapsed: 0 });
    t.clock.advance(MINUTE);
    expect(await job.run()).toEqual({ ran: true, lapsed: 1 });
    expect(await job.run()).toEqual({ ran: true, lapsed: 0 });
    const [lapsed] = await formsOf(customer, requestId);
    expect(lapsed.status).toBe('lapsed');
    expect(lapsed.history.map((h) => h.to)).toEqual(['waiting_for_buyer', 'lapsed']);
    expect(await mailsTo(t, customer.email, /已逾期/)).toHaveLength(1);

    const before = await stateOf(requestId);
    const refused = await act(helper, requestId, 'confirmRedLetterForm');
    expect(refused.body.notice).toMatchObject({
      type: 'error',
      message: 'RED_LETTER_FORM_NOT_FOUND',
    });
    await expect(t.get(RedLetterService).confirm(form.id, STAFF)).rejects.toMatchObject({
      status: 409,
      code: 'ILLEGAL_RED_LETTER_TRANSITION',
      detail: expect.stringContaining('lapsed'),
    });
    expect(await stateOf(requestId)).toEqual(before);

    // A new form can be raised once the lapsed one no longer stands.
    const reopened = await act(helper, requestId, 'openRedLetterForm', {
      reasonCode: '01',
      buyerBooked: 'yes',
    });
    expect(reopened.body.notice.type).toBe('success');
  });

  it('confirms a form once when two staff confirm it at the same moment', async () => {
    const customer = await payingCustomer(t, { amountFen: 12_800 });
    const { id: appId } = await digitalIssued(customer);
    const requestId = await retitleRequest(customer, appId);
    await act(helper, requestId, 'openRedLetterForm', { reasonCode: '01', buyerBooked: 'yes' });
    const [form] = await formsOf(customer, requestId);
    const service = t.get(RedLetterService);
    const outcomes = await Promise.allSettled([
      service.confirm(form.id, STAFF),
      service.confirm(form.id, { ...STAFF, staffEmail: 'other@example.com' }),
    ]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ status: 409, code: 'ILLEGAL_RED_LETTER_TRANSITION' });
    const [after] = await formsOf(customer, requestId);
    expect(after.history.map((h) => h.to)).toEqual(['waiting_for_buyer', 'confirmed']);
  });

  it('refuses a confirmation after the deadline even before the job ran', async () => {
    const customer = await payingCustomer(t, { amountFen: 12_800 });
    const { id: appId } = await digitalIssued(customer);
    const requestId = await retitleRequest(customer, appId);
    await act(helper, requestId, 'openRedLetterForm', { reasonCode: '01', buyerBooked: 'yes' });
    const [form] = await formsOf(customer, requestId);
    t.clock.advance(73 * HOUR);
    const before = await stateOf(requestId);
    const error = await t
      .get(RedLetterService)
      .confirm(form.id, STAFF)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProblemException);
    expect(error).toMatchObject({
      status: 409,
      detail: expect.stringContaining('72 hours ran out'),
    });
    expect(await stateOf(requestId)).toEqual(before);
  });

  it('confirms at once when the buyer has no taxpayer ID or has not booked the fapiao', async () => {
    const individual = await payingCustomer(t, { amountFen: 12_800 });
    const { id: appId } = await digitalIssued(individual, { taxId: false });
    const requestId = await openRequest(t, individual, {
      type: 'retitle',
      applicationId: appId,
      newTitle: { buyerName: '李四' },
    });
    await act(helper, requestId, 'startProgress');
    const opened = await act(helper, requestId, 'openRedLetterForm', {
      reasonCode: '01',
      buyerBooked: 'yes',
    });
    expect(opened.body.notice.type).toBe('success');
    const [form] = await formsOf(individual, requestId);
    expect(form).toMatchObject({ status: 'confirmed', needsBuyerConfirmation: false });
    expect(form.deadlineAt).toBeUndefined();
    const [mail] = await mailsTo(t, individual.email, /红字发票信息确认单/);
    expect(mail.text).toContain('购买方无需确认');

    const company = await payingCustomer(t, { amountFen: 12_800 });
    const digital = await digitalIssued(company);
    const other = await retitleRequest(company, digital.id);
    await act(helper, other, 'openRedLetterForm', { reasonCode: '01', buyerBooked: 'no' });
    expect((await formsOf(company, other))[0].status).toBe('confirmed');
  });

  it('reverses part of a fapiao, never more than the original, and voids a form', async () => {
    const customer = await payingCustomer(t, { amountFen: 12_800 });
    const { id: appId, original } = await digitalIssued(customer);
    const requestId = await openRequest(t, customer, {
      type: 'other',
      applicationId: appId,
      message: 'We returned part of the service: please reverse ¥28.00',
    });
    await act(helper, requestId, 'startProgress');
    const before = await stateOf(requestId);
    const above = await act(helper, requestId, 'openRedLetterForm', {
      reasonCode: '04',
      buyerBooked: 'no',
      redLetterAmountFen: '128.01',
    });
    expect(above.body.notice).toMatchObject({ type: 'error', message: 'RED_LETTER_FORM_INVALID' });
    expect(above.body.fieldErrors.amountFen).toMatchObject({
      message: 'amountAboveOriginal',
      options: { amount: expect.stringMatching(/^¥/) },
    });
    await expect(
      t.get(RedLetterService).openForm(requestId, STAFF, { reasonCode: '04', amountFen: 12_801 }),
    ).rejects.toMatchObject({ status: 422, code: 'RED_LETTER_FORM_INVALID' });
    await expect(
      t.get(RedLetterService).openForm(requestId, STAFF, { reasonCode: '05' }),
    ).rejects.toMatchObject({ status: 422 });
    expect(await stateOf(requestId)).toEqual(before);

    await act(helper, requestId, 'openRedLetterForm', {
      reasonCode: '04',
      buyerBooked: 'no',
      redLetterAmountFen: '28.00',
    });
    const voided = await act(helper, requestId, 'voidRedLetterForm', {
      reason: 'Typed the wrong amount',
    });
    expect(voided.body.notice).toMatchObject({ type: 'success', message: 'redLetterFormVoided' });
    // Forms are listed oldest first; the test clock stands still otherwise.
    t.clock.advance(MINUTE);

    await act(helper, requestId, 'openRedLetterForm', {
      reasonCode: '04',
      buyerBooked: 'no',
      redLetterAmountFen: '28.00',
    });
    const red = number('2639');
    const recorded = await withFiles(
      requestId,
      'recordRedFapiao',
      'red',
      { number: red, issueDate: TODAY, taxAmountFen: '1.58' },
      { pdf: await samplePdf(red) },
    );
    expect(recorded.body.notice).toMatchObject({ type: 'success' });
    const forms = await formsOf(customer, requestId);
    expect(forms.map((f) => [f.status, f.amountFen, f.redNumber ?? null])).toEqual([
      ['void', 2_800, null],
      ['confirmed', 2_800, red],
    ]);
    const app = await authed(t, customer.token).get(`${APPLICATIONS}/${appId}`);
    expect(
      app.body.documents.map((d: { number: string; amountFen: number }) => [d.number, d.amountFen]),
    ).toEqual([
      [original, 12_800],
      [red, -2_800],
    ]);
  });

  it('leaves a paper retitle as it was: the original comes back first', async () => {
    const customer = await payingCustomer(t, { amountFen: 12_800 });
    const appId = await issuedAndMailed(t, customer, '04412001', TODAY);
    const requestId = await openRequest(t, customer, {
      type: 'retitle',
      applicationId: appId,
      newTitle: { buyerName: NEW_NAME },
    });
    await act(helper, requestId, 'startProgress');
    const refused = await act(helper, requestId, 'openRedLetterForm', {
      reasonCode: '01',
      buyerBooked: 'yes',
    });
    expect(refused.body.notice).toMatchObject({ type: 'error', message: 'NOT_A_DIGITAL_FAPIAO' });
    await act(helper, requestId, 'markAwaitingReturn');
    await act(helper, requestId, 'markReturned', { returnedOn: TODAY });
    const issued = await act(helper, requestId, 'issueRetitle', {
      'red.number': '04412002',
      'red.issueDate': TODAY,
      'blue.number': '04412003',
      'blue.issueDate': TODAY,
      'blue.taxAmountFen': '7.25',
    });
    expect(issued.body.notice).toMatchObject({ type: 'success', message: 'supportRetitleIssued' });
  });
});
