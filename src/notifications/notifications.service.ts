import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DEFAULT_LOCALE, isLocale, type Locale } from '../common/locale';
import { Clock } from '../common/time/clock';
import type { MailContext, MailTemplateName } from './mail-catalogue';
import { InvalidMailError } from './notifications.exception';
import { type PendingMailRow, MailOutboxRepository } from './mail-outbox.repository';
import { OutboxWakeUp } from './outbox-wake-up';
import { MailRenderer } from './rendering/mail-renderer';

export interface OutgoingMail<T extends MailTemplateName> {
  to: string;
  template: T;
  /** The recipient's language; `zh-CN` when not given. */
  locale?: Locale;
  context: MailContext<T>;
  /** Names the event the mail reports (e.g. `account-activation:<tokenId>`); one mail per key. */
  dedupeKey: string;
}

const MAX_DEDUPE_KEY_LENGTH = 200;
const MAX_ADDRESS_LENGTH = 320;
const MAX_SUBJECT_LENGTH = 500;
// One plain address: no display name, no list, nothing that could inject a header.
const PLAIN_ADDRESS = /^[^\s@<>,;:"()[\]\\]+@[^\s@<>,;:"()[\]\\]+\.[^\s@<>,;:"()[\]\\]+$/;

/** The outbox's front door: other modules call `enqueue` inside their own transaction. */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly renderer: MailRenderer,
    private readonly clock: Clock,
    private readonly wakeUp: OutboxWakeUp,
    private readonly outbox: MailOutboxRepository,
  ) {}

  /**
   * Checks the mail (fails here on an unknown template or a missing context field) and writes an
   * outbox row with its context in the caller's transaction; the dispatcher renders it when it
   * sends. Same dedupeKey twice = one mail.
   */
  async enqueue<T extends MailTemplateName>(
    manager: EntityManager,
    mail: OutgoingMail<T>,
  ): Promise<void> {
    await this.insertRows(manager, [this.outboxRow(mail)]);
  }

  /**
   * `enqueue` for many mails in the caller's transaction (jobs that mail thousands at once):
   * every mail is checked first (one bad mail fails the whole call), then all are written by one
   * INSERT … ON CONFLICT (dedupe_key) DO NOTHING. Same dedupeKey twice (in the list or earlier)
   * = one mail, the first one. Returns how many rows were inserted.
   */
  async enqueueMany(
    manager: EntityManager,
    mails: readonly OutgoingMail<MailTemplateName>[],
  ): Promise<number> {
    if (mails.length === 0) return 0;
    return this.insertRows(manager, firstPerDedupeKey(mails.map((m) => this.outboxRow(m))));
  }

  private async insertRows(manager: EntityManager, rows: PendingMailRow[]): Promise<number> {
    const inserted = await this.outbox.insertPending(manager, rows, this.clock.now());
    if (inserted > 0) this.wakeUp.afterWriting(manager);
    return inserted;
  }

  /**
   * Validates a mail and builds its row. Rendering it is the check: it is as strict as sending
   * (strict templates also catch a missing field inside `#each` items) and is cheap; only
   * the subject is kept. It renders the context as it will be stored (after a JSON round trip),
   * so the dispatcher renders exactly what was checked here.
   */
  private outboxRow(mail: OutgoingMail<MailTemplateName>): PendingMailRow {
    const locale = mail.locale ?? DEFAULT_LOCALE;
    if (!isLocale(locale))
      throw new InvalidMailError(`Unsupported mail locale "${String(locale)}"`);
    const to = typeof mail.to === 'string' ? mail.to.trim() : '';
    if (to.length > MAX_ADDRESS_LENGTH || !PLAIN_ADDRESS.test(to)) {
      throw new InvalidMailError(`"${String(mail.to)}" is not a single email address`);
    }
    const dedupeKey = typeof mail.dedupeKey === 'string' ? mail.dedupeKey : '';
    if (dedupeKey.length === 0 || dedupeKey.length > MAX_DEDUPE_KEY_LENGTH) {
      throw new InvalidMailError(
        `A mail needs a dedupeKey of 1 to ${MAX_DEDUPE_KEY_LENGTH} characters (template "${mail.template}")`,
      );
    }
    const context = storedContext(mail);
    const { subject } = this.renderer.check(mail.template, locale, context as never);
    return {
      dedupe_key: dedupeKey,
      recipient: to,
      locale,
      template: mail.template,
      subject: truncate(subject, MAX_SUBJECT_LENGTH),
      context,
    };
  }
}

/** The context as jsonb will hold it; a context JSON cannot carry is refused. */
function storedContext(mail: OutgoingMail<MailTemplateName>): Record<string, unknown> {
  let stored: unknown;
  try {
    stored = JSON.parse(JSON.stringify(mail.context) ?? 'null');
  } catch (error) {
    throw new InvalidMailError(
      `The context of mail template "${mail.template}" cannot be stored as JSON: ${(error as Error).message}`,
    );
  }
  // Not an object (null, a number…): render() refuses it with the template's name.
  return stored as Record<string, unknown>;
}

/** The rows with the first occurrence of each dedupe key (later ones would be dropped anyway). */
function firstPerDedupeKey(rows: PendingMailRow[]): PendingMailRow[] {
  const seen = new Set<string>();
  return rows.filter((row) => {
    if (seen.has(row.dedupe_key)) return false;
    seen.add(row.dedupe_key);
    return true;
  });
}

function truncate(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}
