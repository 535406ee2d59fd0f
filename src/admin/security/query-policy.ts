/**
 * What each back-office resource may be filtered, sorted and searched by. Everything else is
 * refused with a 400, whoever asks: a column added to an entity stays out of reach (no probing
 * a hash one prefix at a time, no ordering rows by a token) until it is listed here.
 */
export interface QueryPolicy {
  /** Keys after `filters.` (columns, nested paths such as `title.taxId`, or virtual filters). */
  readonly filter: readonly string[];
  /** Values of `sortBy`. */
  readonly sort: readonly string[];
  /** Values of `searchProperty`; the first is the resource's title, searched by default. */
  readonly search: readonly [string, ...string[]];
}

export const QUERY_POLICIES: Readonly<Record<string, QueryPolicy>> = {
  applications: {
    filter: [
      'search',
      'id',
      'orderNumber',
      'status',
      'overdue',
      'dueToday',
      'dueDate',
      'expectedIssueDate',
      'type',
      'shipping.method',
      'contactEmail',
      'submittedAt',
    ],
    sort: ['orderNumber', 'status', 'dueDate', 'type', 'submittedAt'],
    search: ['orderNumber'],
  },
  support_requests: {
    filter: ['search', 'id', 'status', 'type', 'createdAt', 'orderNumber', 'contactEmail'],
    sort: ['type', 'status', 'orderNumber', 'billAmountFen', 'contactEmail', 'createdAt'],
    search: ['orderNumber'],
  },
  orders: {
    filter: ['orderNumber', 'contactEmail', 'customerId', 'orderedAt', 'fapiaoStatus'],
    sort: ['orderNumber', 'contactEmail', 'amountFen', 'orderedAt', 'fapiaoStatus'],
    search: ['orderNumber'],
  },
  customers: {
    filter: ['name', 'externalId', 'createdAt'],
    sort: ['name', 'externalId', 'createdAt'],
    search: ['name'],
  },
  payments: {
    filter: ['paymentReference', 'orderId', 'payerName', 'paidAt'],
    sort: ['paymentReference', 'orderId', 'payerName', 'amountFen', 'paidAt'],
    search: ['paymentReference'],
  },
  customer_accounts: {
    filter: ['email', 'orderNumber', 'status', 'customerId', 'createdAt'],
    sort: ['email', 'status', 'locale', 'lastLoginAt', 'createdAt'],
    search: ['email'],
  },
  mail_outbox: {
    filter: ['recipient', 'template', 'status', 'createdAt'],
    sort: ['recipient', 'template', 'locale', 'subject', 'status', 'attempts', 'createdAt'],
    search: ['subject', 'recipient'],
  },
  out_of_use_periods: {
    filter: ['startsAt', 'endsAt', 'expectedIssueDate', 'createdAt'],
    sort: ['startsAt', 'endsAt', 'expectedIssueDate', 'noticeZh'],
    search: ['noticeZh'],
  },
  calendar_years: {
    filter: ['year', 'status'],
    sort: ['year', 'status', 'notice', 'publishedAt', 'publishedBy'],
    search: ['notice'],
  },
  calendar_days: {
    filter: ['year', 'kind', 'name'],
    sort: ['date', 'kind', 'name', 'year'],
    search: ['name'],
  },
  staff_users: {
    filter: ['email', 'displayName', 'role', 'active'],
    sort: ['email', 'displayName', 'role', 'active', 'lastLoginAt'],
    search: ['displayName', 'email'],
  },
  audit_log: {
    filter: ['at', 'staffEmail', 'action', 'subject', 'resource', 'recordId', 'ip'],
    sort: ['at', 'staffEmail', 'action', 'subject', 'resource', 'recordId', 'ip'],
    search: ['action'],
  },
};

/** The policy of a resource; a resource without one is a configuration error found at start-up. */
export function queryPolicy(resourceId: string): QueryPolicy {
  const policy = QUERY_POLICIES[resourceId];
  if (!policy) {
    throw new Error(`Back office: resource "${resourceId}" has no query policy (query-policy.ts)`);
  }
  return policy;
}
