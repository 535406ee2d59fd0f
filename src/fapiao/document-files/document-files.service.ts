import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import JSZip from 'jszip';
import { DataSource, In } from 'typeorm';
import { toBusinessDate } from '../../common/time/business-date';
import { Clock } from '../../common/time/clock';
import { NotificationsService } from '../../notifications/notifications.service';
import { ApplicationMails } from '../applications/application-mails';
import { FapiaoApplication } from '../applications/entities/fapiao-application.entity';
import { FapiaoDocument } from '../applications/entities/fapiao-document.entity';
import { FAPIAO_FILE_KINDS, type FapiaoFileKind } from './document-file.entity';
import { DocumentFilesException } from './document-files.exception';
import {
  FapiaoFileStore,
  type FapiaoFileMetadata,
  type StoredFapiaoFile,
} from './fapiao-file-store';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isFapiaoFileKind(value: string): value is FapiaoFileKind {
  return (FAPIAO_FILE_KINDS as readonly string[]).includes(value);
}

/** A document's files as its owner or staff see them listed. */
export interface DocumentFileList {
  documentId: string;
  number: string;
  files: FapiaoFileMetadata[];
}

/** The most applications one staff zip download gathers. */
export const ZIP_LIMIT = 200;

/**
 * Reading fapiao files: to the customer that owns the application (another customer's, like an
 * unknown one, is 404) and to staff (one application's, or a zip of a selection).
 */
@Injectable()
export class DocumentFilesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: FapiaoFileStore,
    private readonly notifications: NotificationsService,
    private readonly mails: ApplicationMails,
    private readonly clock: Clock,
  ) {}

  /**
   * Sends the application's fapiao again, PDFs attached, to an address the customer names (an
   * accountant's): the "issued" mail, once per address and day, so that repeating the request
   * mails nobody twice. 404 unless the application is the customer's and has a PDF.
   */
  async resendFiles(customerId: string, applicationId: string, email: string): Promise<void> {
    if (!UUID.test(applicationId)) throw DocumentFilesException.notFound();
    const to = email.trim().toLowerCase();
    await this.dataSource.transaction(async (manager) => {
      const app = await manager.findOne(FapiaoApplication, {
        where: { id: applicationId, customerId },
        select: { id: true, orderNumber: true, locale: true },
      });
      if (!app) throw DocumentFilesException.notFound();
      const documents = await manager.find(FapiaoDocument, {
        where: { applicationId },
        select: { id: true, number: true, issueDate: true, amountFen: true },
        order: { createdAt: 'ASC', number: 'ASC' },
      });
      const files = await this.store.list(
        documents.map((d) => d.id),
        manager,
      );
      if (!files.some((f) => f.kind === 'pdf')) throw DocumentFilesException.notFound();
      await this.notifications.enqueue(manager, {
        to,
        template: 'application-issued',
        locale: app.locale,
        context: {
          orderNumber: app.orderNumber,
          applicationUrl: this.mails.applicationUrl(app.id),
          documents: documents.map((d) => ({
            number: d.number,
            issueDate: d.issueDate,
            amountFen: Number(d.amountFen),
          })),
          digital: true,
        },
        dedupeKey: `application:${app.id}:files_resent:${to}:${toBusinessDate(this.clock.now())}`,
      });
    });
  }

  /** One file of one of the customer's documents; 404 for anything not theirs or not there. */
  async fileForCustomer(
    customerId: string,
    applicationId: string,
    documentId: string,
    kind: string,
  ): Promise<StoredFapiaoFile> {
    if (!UUID.test(applicationId) || !UUID.test(documentId) || !isFapiaoFileKind(kind)) {
      throw DocumentFilesException.notFound();
    }
    const owned = await this.dataSource.manager
      .createQueryBuilder(FapiaoDocument, 'd')
      .innerJoin(FapiaoApplication, 'a', 'a.id = d.application_id')
      .where('d.id = :documentId AND a.id = :applicationId AND a.customer_id = :customerId', {
        documentId,
        applicationId,
        customerId,
      })
      .getExists();
    const file = owned ? await this.store.get(documentId, kind) : null;
    if (!file) throw DocumentFilesException.notFound();
    return file;
  }

  /** The files of each of the customer's application's documents (empty lists included). */
  async listForCustomer(customerId: string, applicationId: string): Promise<DocumentFileList[]> {
    if (!UUID.test(applicationId)) throw DocumentFilesException.notFound();
    const documents = await this.dataSource.manager
      .createQueryBuilder(FapiaoDocument, 'd')
      .innerJoin(FapiaoApplication, 'a', 'a.id = d.application_id')
      .select(['d.id', 'd.number'])
      .where('a.id = :applicationId AND a.customer_id = :customerId', { applicationId, customerId })
      .orderBy('d.created_at')
      .addOrderBy('d.number')
      .getMany();
    return this.withFiles(documents);
  }

  /** One application's documents and their files, for staff. */
  async listForStaff(applicationId: string): Promise<DocumentFileList[]> {
    if (!UUID.test(applicationId)) return [];
    const documents = await this.dataSource.manager.find(FapiaoDocument, {
      where: { applicationId },
      select: { id: true, number: true },
      order: { createdAt: 'ASC', number: 'ASC' },
    });
    return this.withFiles(documents);
  }

  /** One stored file, for staff. */
  async fileForStaff(documentId: string, kind: string): Promise<StoredFapiaoFile> {
    if (!UUID.test(documentId) || !isFapiaoFileKind(kind)) throw DocumentFilesException.notFound();
    const file = await this.store.get(documentId, kind);
    if (!file) throw DocumentFilesException.notFound();
    return file;
  }

  /**
   * A zip of every file of the selected applications, one folder per order number, files named
   * by fapiao number and kind (names staff uploaded under can repeat across applications).
   */
  async zipForStaff(applicationIds: string[]): Promise<{ zip: Buffer; files: number }> {
    const ids = [...new Set(applicationIds.filter((id) => UUID.test(id)))].slice(0, ZIP_LIMIT);
    const documents = ids.length
      ? await this.dataSource.manager
          .createQueryBuilder(FapiaoDocument, 'd')
          .innerJoin(FapiaoApplication, 'a', 'a.id = d.application_id')
          .select('d.id', 'id')
          .addSelect('d.number', 'number')
          .addSelect('a.order_number', 'orderNumber')
          .where({ applicationId: In(ids) })
          .getRawMany<{ id: string; number: string; orderNumber: string }>()
      : [];
    const zip = new JSZip();
    let files = 0;
    for (const document of documents) {
      for (const meta of await this.store.list([document.id])) {
        const file = await this.store.get(document.id, meta.kind);
        if (!file) continue;
        files++;
        zip.file(
          `${safeName(document.orderNumber)}/${document.number}.${meta.kind}`,
          file.content,
          {
            date: meta.createdAt,
          },
        );
      }
    }
    // PDFs and OFDs are compressed already.
    return { zip: await zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' }), files };
  }

  private async withFiles(documents: Pick<FapiaoDocument, 'id' | 'number'>[]) {
    const files = await this.store.list(documents.map((d) => d.id));
    return documents.map((d) => ({
      documentId: d.id,
      number: d.number,
      files: files.filter((f) => f.documentId === d.id),
    }));
  }
}

/** A folder name from an order number: nothing that climbs out of the folder or hides it. */
function safeName(value: string): string {
  return value.replace(/[^A-Za-z0-9_-]/g, '_') || '_';
}
