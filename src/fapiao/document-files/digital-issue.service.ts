import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { FieldError } from '../../common/errors/problem.exception';
import { AppConfig } from '../../config/app-config';
import { inTransaction } from '../../database/transaction';
import type { StaffActor } from '../applications/application-actor';
import type { IssuedDocumentInput } from '../applications/application-state-machine';
import { FapiaoApplication } from '../applications/entities/fapiao-application.entity';
import { FapiaoDocument } from '../applications/entities/fapiao-document.entity';
import {
  StaffApplicationsService,
  type StaffActionOptions,
} from '../applications/staff-applications.service';
import { FapiaoException } from '../fapiao.exception';
import type { FapiaoTitle } from '../titles/fapiao-title';
import { normalisePartyName } from '../titles/party-name';
import { FAPIAO_FILE_KINDS, type FapiaoFileKind } from './document-file.entity';
import { DocumentFilesException } from './document-files.exception';
import { readEInvoiceXml } from './einvoice-xml';
import { fileContentProblem, MEDIA_TYPES, xmlText } from './file-content-checks';
import { FapiaoFileStore, type FapiaoFileInput } from './fapiao-file-store';

/** A file staff attached: the name it was uploaded under and its bytes. */
export interface UploadedFapiaoFile {
  fileName: string;
  content: Buffer;
}

/** One document being issued, with the files the tax platform gave for it. */
export interface IssuedDocumentWithFiles extends IssuedDocumentInput {
  files?: Partial<Record<FapiaoFileKind, UploadedFapiaoFile>>;
}

/** A fully digitalised fapiao's number: 20 digits, without a separate code. */
export const DIGITAL_DOCUMENT_NUMBER = /^\d{20}$/;

/** Delivery by email means a digital fapiao (数电发票): its files are what the customer gets. */
export function isDigitalDelivery(method: string): boolean {
  return method === 'email';
}

const FILE_NAME_MAX = 255;

/**
 * Issuing with files: the service centre's issue (StaffApplicationsService) plus the PDF, OFD
 * and XML of each document, checked by content and, for an XML, against what is issued. One
 * transaction: a refused file writes nothing, and the issue and its files commit together.
 */
@Injectable()
export class DigitalIssueService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly staffApplications: StaffApplicationsService,
    private readonly store: FapiaoFileStore,
    private readonly config: AppConfig,
  ) {}

  async issue(
    id: string,
    staff: StaffActor,
    documents: IssuedDocumentWithFiles[],
    options: StaffActionOptions = {},
  ): Promise<FapiaoApplication> {
    return inTransaction(this.dataSource, options.manager, async (manager) => {
      const app = await manager.findOne(FapiaoApplication, { where: { id } });
      if (!app) throw FapiaoException.notFound(id);
      const digital = isDigitalDelivery(app.shipping.method);
      if (digital) refuseNumbers(documents);
      await this.checkFiles(documents, digital);
      this.checkXml(app, documents);
      const issued = await this.staffApplications.issue(id, staff, documents, {
        ...options,
        manager,
      });
      await this.storeFiles(manager, id, documents);
      return issued;
    });
  }

  /**
   * The digital checks on their own, for other issuing paths (red-letter reversals and their
   * reissue): 20-digit numbers, a PDF each, files by content, an XML that matches the entry.
   */
  async checkDigitalDocuments(
    app: FapiaoApplication,
    documents: IssuedDocumentWithFiles[],
  ): Promise<void> {
    refuseNumbers(documents);
    await this.checkFiles(documents, true);
    this.checkXml(app, documents);
  }

  /** Stores the checked files of documents written in this transaction (found by number). */
  storeDocumentFiles(
    manager: EntityManager,
    applicationId: string,
    documents: IssuedDocumentWithFiles[],
  ): Promise<void> {
    return this.storeFiles(manager, applicationId, documents);
  }

  private async checkFiles(documents: IssuedDocumentWithFiles[], digital: boolean) {
    const errors: FieldError[] = [];
    for (const [i, document] of (documents ?? []).entries()) {
      const files = document.files ?? {};
      if (digital && !files.pdf) {
        errors.push({
          field: `documents.${i}.pdf`,
          message: `documents.${i}.pdf is required: a digital fapiao is delivered as its PDF`,
        });
      }
      for (const kind of FAPIAO_FILE_KINDS) {
        const file = files[kind];
        if (!file) continue;
        const field = `documents.${i}.${kind}`;
        const problem =
          file.fileName.length > FILE_NAME_MAX
            ? `${field}'s file name is longer than ${FILE_NAME_MAX} characters`
            : await fileContentProblem(kind, file.content, this.config.fapiaoFileMaxBytes, field);
        if (problem) errors.push({ field, message: problem });
      }
    }
    if (errors.length > 0) throw DocumentFilesException.invalid(errors);
  }

  /** Each attached XML must name what staff entered and the application's (or line's) buyer. */
  private checkXml(app: FapiaoApplication, documents: IssuedDocumentWithFiles[]) {
    const errors: FieldError[] = [];
    documents.forEach((document, i) => {
      const xml = document.files?.xml;
      if (!xml) return;
      const field = `documents.${i}.xml`;
      const facts = readEInvoiceXml(xmlText(xml.content));
      if (!facts) {
        errors.push({ field, message: `${field} is not a digital fapiao XML (no EInvoice root)` });
        return;
      }
      const title: FapiaoTitle = document.buyerTitle ?? app.title;
      const differs = (what: string, inXml: string | number | null, expected: string | number) =>
        errors.push({
          field,
          message: `${field}: ${what} is ${inXml === null ? 'missing' : `"${inXml}"`}, expected "${expected}"`,
        });
      if (facts.number !== document.number)
        differs('the fapiao number', facts.number, document.number);
      if (facts.issueDate !== document.issueDate) {
        differs('the issue date', facts.issueDate, document.issueDate);
      }
      if (
        facts.buyerName === null ||
        normalisePartyName(facts.buyerName) !== normalisePartyName(title.buyerName)
      ) {
        differs('the buyer name', facts.buyerName, title.buyerName);
      }
      const taxId = taxIdOf(title.taxId);
      if (taxIdOf(facts.buyerTaxId) !== taxId) {
        differs('the buyer taxpayer ID', facts.buyerTaxId, taxId ?? '(none)');
      }
      if (facts.totalWithTaxFen !== document.amountFen) {
        differs('the total with tax (价税合计, fen)', facts.totalWithTaxFen, document.amountFen);
      }
      if (facts.taxAmountFen !== null && facts.taxAmountFen !== document.taxAmountFen) {
        differs('the tax amount (fen)', facts.taxAmountFen, document.taxAmountFen);
      }
      const rate = document.taxRateBasisPoints;
      const otherRate = facts.taxRatesBasisPoints.find((r) => r !== rate);
      if (rate !== undefined && rate !== null && otherRate !== undefined) {
        differs('the tax rate (basis points)', otherRate, rate);
      }
    });
    if (errors.length > 0) throw DocumentFilesException.xmlMismatch(errors);
  }

  private async storeFiles(
    manager: EntityManager,
    applicationId: string,
    documents: IssuedDocumentWithFiles[],
  ) {
    const rows = await manager.find(FapiaoDocument, {
      where: { applicationId, number: In(documents.map((d) => d.number)) },
      select: { id: true, number: true },
    });
    const idOf = new Map(rows.map((r) => [r.number, r.id]));
    const files: FapiaoFileInput[] = documents.flatMap((document) =>
      FAPIAO_FILE_KINDS.flatMap((kind) => {
        const file = document.files?.[kind];
        if (!file) return [];
        return [
          {
            documentId: idOf.get(document.number)!,
            kind,
            fileName: file.fileName.trim() || `${document.number}.${kind}`,
            mediaType: MEDIA_TYPES[kind],
            content: file.content,
          },
        ];
      }),
    );
    await this.store.put(manager, files);
  }
}

function taxIdOf(value: string | null | undefined): string | null {
  const id = value?.normalize('NFKC').trim().toUpperCase();
  return id ? id : null;
}

function refuseNumbers(documents: IssuedDocumentWithFiles[]) {
  const errors: FieldError[] = (documents ?? []).flatMap((d, i) =>
    typeof d.number === 'string' && DIGITAL_DOCUMENT_NUMBER.test(d.number)
      ? []
      : [
          {
            field: `documents.${i}.number`,
            message: `documents.${i}.number must be the 20 digits of a digital fapiao`,
          },
        ],
  );
  if (errors.length > 0) throw FapiaoException.invalid(errors);
}
