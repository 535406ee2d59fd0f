import type { ResourceWithOptions } from 'adminjs' with { 'resolution-mode': 'import' };
import {
  MAIL_STATUSES,
  MailOutboxEntry,
} from '../../notifications/entities/mail-outbox-entry.entity';
import type { FailedMailsService } from '../../notifications/failed-mails.service';
import { roleGuardedActions } from '../admin-access';
import { FormActionDeps, formAction } from '../actions/form-action';
import { stripParams } from './strip-params';

export const MAIL_OUTBOX_RESOURCE = 'mail_outbox';

/**
 * Properties never shown anywhere: the context (and the bodies of mails enqueued before contexts
 * were stored) carry live activation and reset links; the dedupe key and lease are internals.
 * Staff see what a mail is by its template, locale and subject.
 */
export const MAIL_OUTBOX_HIDDEN = [
  'context',
  'legacyHtmlBody',
  'legacyTextBody',
  'dedupeKey',
  'lockedUntil',
] as const;

/** The mail outbox: admins see status and last error, and send a failed mail again. */
export function mailOutboxResource(
  deps: FormActionDeps & { failedMails: FailedMailsService },
): ResourceWithOptions {
  const hide = { after: stripParams(MAIL_OUTBOX_HIDDEN) };
  return {
    resource: MailOutboxEntry,
    options: {
      id: MAIL_OUTBOX_RESOURCE,
      navigation: { name: 'administration', icon: 'Settings' },
      properties: {
        ...Object.fromEntries(MAIL_OUTBOX_HIDDEN.map((name) => [name, { isVisible: false }])),
        status: { availableValues: MAIL_STATUSES.map((value) => ({ value, label: value })) },
      },
      listProperties: [
        'recipient',
        'template',
        'locale',
        'subject',
        'status',
        'attempts',
        'createdAt',
      ],
      showProperties: [
        'id',
        'recipient',
        'locale',
        'template',
        'subject',
        'status',
        'attempts',
        'nextAttemptAt',
        'lastError',
        'sentAt',
        'createdAt',
      ],
      filterProperties: ['recipient', 'template', 'status', 'createdAt'],
      sort: { sortBy: 'createdAt', direction: 'desc' },
      actions: roleGuardedActions(
        MAIL_OUTBOX_RESOURCE,
        { read: [] },
        {
          list: hide,
          show: hide,
          search: hide,
          retryMail: {
            ...formAction(deps, {
              actionType: 'record',
              roles: [],
              auditAction: 'mail.retry',
              icon: 'RefreshCw',
              isAvailable: (params) => params.status === 'failed',
              run: async ({ recordId, manager }) => {
                await deps.failedMails.retryFailedMail(recordId!, manager);
                return {
                  before: { status: 'failed' },
                  after: { status: 'pending' },
                  message: 'mailRetried',
                };
              },
            }),
            ...hide,
          },
        },
      ),
    },
  };
}
