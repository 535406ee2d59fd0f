import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import {
  MailAttachments,
  type MailAttachment,
  type MailAttachmentSource,
} from '../../notifications/mail-attachments';
import { FapiaoDocument } from '../applications/entities/fapiao-document.entity';
import { FapiaoFileStore } from './fapiao-file-store';

/** The mails that carry the PDFs of the documents their context lists. */
const WITH_PDFS = new Set(['application-issued']);

/**
 * Attaches the PDF of each document an "issued" mail lists, read from the file store when the
 * mail is sent. The context names documents by number (unique across documents); a document
 * without a PDF (paper) adds nothing.
 */
@Injectable()
export class IssuedMailAttachments implements MailAttachmentSource, OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: FapiaoFileStore,
    private readonly attachments: MailAttachments,
  ) {}

  onModuleInit(): void {
    this.attachments.register(this);
  }

  async attachmentsFor(
    template: string,
    context: Record<string, unknown>,
  ): Promise<MailAttachment[]> {
    if (!WITH_PDFS.has(template) || context.digital !== true) return [];
    const numbers = (Array.isArray(context.documents) ? context.documents : [])
      .map((d: { number?: unknown }) => d?.number)
      .filter((n): n is string => typeof n === 'string');
    if (numbers.length === 0) return [];
    const documents = await this.dataSource.manager.find(FapiaoDocument, {
      where: { number: In(numbers) },
      select: { id: true, number: true },
    });
    const found: MailAttachment[] = [];
    for (const number of numbers) {
      const document = documents.find((d) => d.number === number);
      const pdf = document && (await this.store.get(document.id, 'pdf'));
      if (pdf)
        found.push({ filename: pdf.fileName, content: pdf.content, contentType: pdf.mediaType });
    }
    return found;
  }
}
