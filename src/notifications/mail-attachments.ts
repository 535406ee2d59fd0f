import { Injectable } from '@nestjs/common';

/** A file sent with a mail, read when the mail is sent (never stored in the outbox). */
export interface MailAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

/**
 * Gives the attachments of the mails it knows (by template), from the mail's stored context.
 * Another module owns the files; it registers a source at start-up.
 */
export interface MailAttachmentSource {
  attachmentsFor(template: string, context: Record<string, unknown>): Promise<MailAttachment[]>;
}

/**
 * The registered sources. The dispatcher asks them at send time, so an outbox row keeps only
 * references in its context and a retry reads the files again.
 */
@Injectable()
export class MailAttachments {
  private readonly sources: MailAttachmentSource[] = [];

  register(source: MailAttachmentSource): void {
    this.sources.push(source);
  }

  async for(template: string, context: Record<string, unknown>): Promise<MailAttachment[]> {
    const found = await Promise.all(this.sources.map((s) => s.attachmentsFor(template, context)));
    return found.flat();
  }
}
