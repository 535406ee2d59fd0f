import type { MailContext, MailTemplateName } from '../../src/notifications/mail-catalogue';

const BASE = 'http://fapiao.test';

/** One realistic context per mail; typed so a field added to the catalogue must be added here. */
export const MAIL_SAMPLES: { [K in MailTemplateName]: MailContext<K> } = {
  'order-confirmation': {
    orderNumber: 'ORD-2026-0001',
    amountFen: 123456,
    registrationUrl: `${BASE}/register?orderNumber=ORD-2026-0001`,
  },
  'account-activation': {
    activationUrl: `${BASE}/activate?token=act-token-123`,
    expiresAt: '2026-11-25T06:30:00.000Z',
  },
  'account-already-exists': {
    loginUrl: `${BASE}/login`,
    forgotPasswordUrl: `${BASE}/forgot-password`,
  },
  'password-reset': {
    resetUrl: `${BASE}/reset-password?token=reset-token-456`,
    expiresAt: '2026-11-25T06:30:00.000Z',
  },
  'account-joined': {
    joinedEmail: 'new.colleague@example.com',
    joinedOn: '2026-11-24',
    orderNumber: 'SO20261124000123',
    accountsUrl: `${BASE}/account`,
    supportPhone: '(86) 400-089-0365',
  },
  'sign-in-link': {
    signInUrl: `${BASE}/sign-in-link?token=sign-in-token-321`,
    expiresAt: '2026-11-25T06:30:00.000Z',
  },
  'password-changed': { changedAt: '2026-11-24T16:05:00.000Z', supportPhone: '(86) 400-089-0365' },
  'email-change-confirmation': {
    confirmUrl: `${BASE}/confirm-email-change?token=change-token-789`,
    newEmail: 'new.address@example.com',
    expiresAt: '2026-11-25T06:30:00.000Z',
  },
  'email-changed-notice': {
    newEmail: 'new.address@example.com',
    supportPhone: '(86) 400-089-0365',
  },
  'application-received': {
    orderNumber: 'ORD-2026-0001',
    applicationUrl: `${BASE}/applications/7b1c`,
    dueDate: '2026-11-26',
  },
  'application-issued': {
    orderNumber: 'ORD-2026-0001',
    applicationUrl: `${BASE}/applications/7b1c`,
    documents: [
      { number: '04400123', issueDate: '2026-11-25', amountFen: 100000 },
      { number: '04400124', issueDate: '2026-11-25', amountFen: 23456 },
    ],
  },
  'application-mailed-out': {
    orderNumber: 'ORD-2026-0001',
    applicationUrl: `${BASE}/applications/7b1c`,
    carrier: 'sf_freight_collect',
    trackingNumber: 'SF1234567890',
  },
  'application-ready-for-pickup': {
    orderNumber: 'ORD-2026-0001',
    applicationUrl: `${BASE}/applications/7b1c`,
    branchAddress: '上海市浦东新区世纪大道 100 号 20 楼',
    branchContact: '王女士 021-5555-0100',
  },
  'application-on-hold': {
    orderNumber: 'ORD-2026-0001',
    applicationUrl: `${BASE}/applications/7b1c`,
    expectedIssueDate: '2026-12-02',
    notice: 'Fapiao stock is used up.\nNew stock arrives next week.',
  },
  'application-due-date-moved': {
    orderNumber: 'ORD-2026-0001',
    applicationUrl: `${BASE}/applications/7b1c`,
    previousDueDate: '2027-01-05',
    dueDate: '2027-01-06',
    notice: 'General Office of the State Council, 2026 holiday arrangement',
  },
  'application-rejected': {
    orderNumber: 'ORD-2026-0001',
    applicationUrl: `${BASE}/applications/7b1c`,
    reason: 'The taxpayer ID does not match the buyer <name>.',
  },
  'support-request-received': {
    requestNumber: 'SR-000042',
    requestType: 'split',
    orderNumber: 'ORD-2026-0001',
    requestUrl: `${BASE}/support-requests/42`,
  },
  'support-request-resolved': {
    requestNumber: 'SR-000042',
    requestType: 'retitle',
    orderNumber: 'ORD-2026-0001',
    requestUrl: `${BASE}/support-requests/42`,
    resolution: 'The red-letter fapiao was issued and a new fapiao sent.',
  },
  'red-letter-form': {
    requestNumber: 'SR000042',
    orderNumber: 'ORD-2026-0001',
    requestUrl: `${BASE}/support-requests/42`,
    originalNumber: '26312000000000000001',
    reasonCode: '01',
    amountFen: 12800,
  },
  'red-letter-form-lapsed': {
    requestNumber: 'SR000042',
    orderNumber: 'ORD-2026-0001',
    requestUrl: `${BASE}/support-requests/42`,
    originalNumber: '26312000000000000001',
    amountFen: 12800,
    deadlineAt: '2026-11-27T02:00:00.000Z',
  },
};
