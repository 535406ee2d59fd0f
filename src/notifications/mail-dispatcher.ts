import { Injectable, Logger } from '@nestjs/common';
import { MailerService } from '@nestjs-modules/mailer';
import type { Locale } from '../common/locale';
import { Clock } from '../common/time/clock';
import { AppConfig } from '../config/app-config';
import { MAX_ATTEMPTS, outcomeOfFailure, type DeliveryOutcome } from './dispatch/retry-policy';
import { MailAttachments } from './mail-attachments';
import { type ClaimedMail, MailOutboxRepository, type UnsentMail } from './mail-outbox.repository';
import type { MailContext, MailTemplateName } from './mail-catalogue';
import { MailRenderer } from './rendering/mail-renderer';

export interface DispatchSummary {
  sent: number;
  retried: number;
  failed: number;
}

/** A row this dispatcher claimed; `attempts` (after the claim's increment) identifies the claim. */
type Delivered = { mail: ClaimedMail; outcome: DeliveryOutcome };
type MailBodies = { html: string; text: string };

/** Rows claimed per statement, and messages in flight at once (≈ the SMTP pool size × 2). */
const CLAIM_BATCH_SIZE = 100;
const SEND_CONCURRENCY = 10;
/** One run stops after this many batches so a huge backlog cannot starve shutdown. */
const MAX_BATCHES_PER_RUN = 50;

/**
 * Sends what is due in the outbox. Safe with any number of app instances: rows are claimed with
 * `FOR UPDATE SKIP LOCKED` under a lease, and every later write is guarded by the claim
 * (`status = 'sending' AND attempts = <claimed attempts>`), so a dispatcher whose lease was taken
 * over cannot overwrite the newer claim's result. Times come from the injected Clock.
 */
@Injectable()
export class MailDispatcher {
  private readonly logger = new Logger(MailDispatcher.name);
  private readonly messageIdDomain: string;
  private readonly claimLeaseMs: number;

  constructor(
    private readonly outbox: MailOutboxRepository,
    private readonly mailer: MailerService,
    private readonly renderer: MailRenderer,
    private readonly clock: Clock,
    config: AppConfig,
    private readonly attachments: MailAttachments,
  ) {
    this.messageIdDomain = messageIdDomain(config);
    // A claim older than this is presumed dead (crashed instance) and taken over by another.
    this.claimLeaseMs = config.mailClaimLeaseMs;
  }

  /** Delivers every due mail (batch after batch) and says what happened. */
  async dispatchDue(): Promise<DispatchSummary> {
    const summary: DispatchSummary = { sent: 0, retried: 0, failed: 0 };
    summary.failed += await this.failAbandonedClaims();
    for (let batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
      const claimed = await this.claimDue(CLAIM_BATCH_SIZE);
      if (claimed.length === 0) break;
      const delivered = await mapConcurrently(claimed, SEND_CONCURRENCY, (mail) =>
        this.deliver(mail),
      );
      await this.recordOutcomes(delivered);
      for (const { outcome } of delivered) {
        if (outcome.kind === 'sent') summary.sent++;
        else if (outcome.kind === 'retry') summary.retried++;
        else summary.failed++;
      }
      if (claimed.length < CLAIM_BATCH_SIZE) break;
    }
    return summary;
  }

  /** The Message-ID of a row: the same on every attempt, so a receiver can drop a duplicate. */
  messageIdOf(id: string): string {
    return `<${id}@${this.messageIdDomain}>`;
  }

  /** Due pending rows, and sending rows whose lease expired (their dispatcher died). */
  private claimDue(limit: number): Promise<ClaimedMail[]> {
    const now = this.clock.now();
    return this.outbox.claimDue({
      now,
      leaseUntil: new Date(now.getTime() + this.claimLeaseMs),
      limit,
      maxAttempts: MAX_ATTEMPTS,
    });
  }

  private failAbandonedClaims(): Promise<number> {
    return this.outbox.failAbandonedClaims(this.clock.now(), MAX_ATTEMPTS);
  }

  private async deliver(mail: ClaimedMail): Promise<Delivered> {
    let bodies: MailBodies;
    try {
      bodies = this.bodiesOf(mail);
    } catch (error) {
      return this.unrenderable(mail, error);
    }
    try {
      // Read now, not at enqueue: a failed read is retried like a failed send.
      const attachments = await this.attachments.for(mail.template, mail.context);
      await this.mailer.sendMail({
        to: mail.recipient,
        // The subject rendered at enqueue: the one the back office shows.
        subject: mail.subject,
        html: bodies.html,
        text: bodies.text,
        messageId: this.messageIdOf(mail.id),
        // RFC 3834: tells autoresponders not to answer a machine.
        headers: { 'Auto-Submitted': 'auto-generated' },
        ...(attachments.length > 0 ? { attachments } : {}),
      });
      return { mail, outcome: { kind: 'sent' } };
    } catch (error) {
      const outcome = outcomeOfFailure(error, mail.attempts, this.clock.now());
      // The row id, not the address: logs carry no personal data.
      this.logger.warn(
        `Mail ${mail.id} attempt ${mail.attempts} failed (${outcome.kind}): ${outcome.error}`,
      );
      return { mail, outcome };
    }
  }

  /** Retrying cannot help (e.g. a deploy removed the template): the mail fails for good. */
  private unrenderable(mail: ClaimedMail, error: unknown): Delivered {
    const reason = error instanceof Error ? error.message : String(error);
    this.logger.warn(`Mail ${mail.id} cannot be rendered: ${reason}`);
    return { mail, outcome: { kind: 'failed', error: `Cannot be rendered: ${reason}` } };
  }

  /** The stored bodies of a mail enqueued before contexts were stored, else a fresh rendering. */
  private bodiesOf(mail: ClaimedMail): MailBodies {
    if (mail.legacy_html_body !== null && mail.legacy_text_body !== null) {
      return { html: mail.legacy_html_body, text: mail.legacy_text_body };
    }
    // render() checks template, locale and context at run time: they come from the database.
    const { html, text } = this.renderer.render(
      mail.template as MailTemplateName,
      mail.locale as Locale,
      mail.context as MailContext<MailTemplateName>,
    );
    return { html, text };
  }

  /**
   * One statement per kind of outcome for the whole batch. A sent mail's context (and legacy
   * bodies) are cleared: they hold live single-use links (activation, reset), which the database
   * otherwise keeps only hashed.
   */
  private async recordOutcomes(delivered: Delivered[]): Promise<void> {
    const sent = delivered.filter((d) => d.outcome.kind === 'sent').map((d) => d.mail);
    await this.outbox.markSent(this.clock.now(), sent);
    const unsent: UnsentMail[] = [];
    for (const { mail, outcome } of delivered) {
      if (outcome.kind === 'sent') continue;
      unsent.push({
        id: mail.id,
        attempts: mail.attempts,
        status: outcome.kind === 'retry' ? 'pending' : 'failed',
        nextAttemptAt: outcome.kind === 'retry' ? outcome.nextAttemptAt : null,
        error: outcome.error,
      });
    }
    await this.outbox.recordUnsent(unsent);
  }
}

export function messageIdDomain(config: Pick<AppConfig, 'mailFrom' | 'publicBaseUrl'>): string {
  const fromDomain = /@([^\s>]+)>?\s*$/.exec(config.mailFrom)?.[1];
  if (fromDomain) return fromDomain;
  try {
    return new URL(config.publicBaseUrl).hostname || 'fapiao.local';
  } catch {
    return 'fapiao.local';
  }
}

/** `work` over `items` with at most `limit` running at once; results in input order. */
async function mapConcurrently<T, R>(
  items: T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
