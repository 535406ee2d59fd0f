import type { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { Client } from 'pg';
import { StaffAuthService } from '../src/auth/staff/staff-auth.service';
import { StaffRole } from '../src/auth/staff/staff-role';
import { toBusinessDate } from '../src/common/time/business-date';
import type { StaffActor } from '../src/fapiao/applications/application-actor';
import { StaffApplicationsService } from '../src/fapiao/applications/staff-applications.service';
import { DigitalIssueService } from '../src/fapiao/document-files/digital-issue.service';
import { timePhases } from './time-phases';
import { addDigitalApplicationsInProcessing } from './volume';

/** How many digital fapiao the bench issues, and the size of each one's PDF. */
export const DIGITAL_ISSUES = 1_000;
export const PDF_BYTES = 100 * 1024;

export interface DigitalIssueResults {
  issued: number;
  pdfBytes: number;
  /** Issues under way at once (staff working side by side; 1 = one after the other). */
  concurrency: number;
  ms: number;
  /** One hand-written INSERT of the same files into document_files (rolled back). */
  sqlMs: number;
  sqlInserted: number;
  ratio: number;
  /** Time inside the service's steps, summed over the issues (they overlap when concurrent). */
  phases: Record<string, number>;
  /** For the download route: one issued application, its document and the PDF's size. */
  sample: { applicationId: string; documentId: string };
}

const ms = (started: number) => Math.round(performance.now() - started);

/**
 * A valid one-page PDF of about `bytes` bytes, as pdf-lib opens it: text, and an attached file
 * of random bytes standing in for the embedded fonts and seal of a tax platform's PDF (which,
 * like them, does not compress).
 */
export async function benchPdf(bytes: number): Promise<Buffer> {
  const make = async (padding: number) => {
    const pdf = await PDFDocument.create();
    const page = pdf.addPage([595, 420]);
    page.drawText('Digital fapiao (bench)', {
      x: 48,
      y: 360,
      size: 18,
      font: await pdf.embedFont(StandardFonts.Helvetica),
    });
    await pdf.attach(randomBytes(Math.max(0, padding)), 'padding.bin', {
      mimeType: 'application/octet-stream',
    });
    return Buffer.from(await pdf.save());
  };
  let padding = bytes;
  let pdf = await make(padding);
  for (let i = 0; i < 3 && pdf.length !== bytes; i++) {
    padding += bytes - pdf.length;
    pdf = await make(padding);
  }
  return pdf;
}

/** A digital fapiao number (20 digits) for the bench's i-th issue. */
function number(i: number): string {
  return `2699${String(i).padStart(16, '0')}`;
}

/**
 * Makes a digital application in `processing` for each bill (of `amountFen`), then issues each
 * through the
 * service the back office uses (DigitalIssueService: checks the PDF, issues through the state
 * machine, stores the file), `concurrency` at a time; then times one hand-written statement
 * inserting the same files into the same table (the service's files deleted first, in a
 * transaction rolled back afterwards).
 */
export async function measureDigitalIssue(
  app: INestApplication,
  db: Client,
  orderNumbers: string[],
  accountId: string,
  amountFen: number,
  concurrency: number,
): Promise<DigitalIssueResults> {
  // Made now, after the out-of-use job (which holds every application in processing).
  const applicationIds = await addDigitalApplicationsInProcessing(db, orderNumbers, accountId);
  await db.query('ANALYZE fapiao_applications, application_history, orders');
  const staff = await app.get(StaffAuthService).create({
    email: 'bench-issuer@bench.test',
    displayName: 'Bench Issuer',
    password: randomBytes(16).toString('hex'),
    role: StaffRole.SERVICE_CENTER,
  });
  const actor: StaffActor = { staffId: staff.id, staffEmail: staff.email };
  const pdf = await benchPdf(PDF_BYTES);
  const issueDate = toBusinessDate(new Date());
  const taxAmountFen = Math.round((amountFen * 6) / 106);
  const service = app.get(DigitalIssueService);
  const phases = timePhases([
    [service, 'checkFiles', 'checkFilesMs'],
    [app.get(StaffApplicationsService), 'issue', 'stateMachineIssueMs'],
    [service, 'storeFiles', 'storeFilesMs'],
  ]);

  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < applicationIds.length) {
      const i = next++;
      await service.issue(applicationIds[i], actor, [
        {
          number: number(i),
          issueDate,
          amountFen,
          taxAmountFen,
          taxRateBasisPoints: 600,
          files: { pdf: { fileName: `${number(i)}.pdf`, content: pdf } },
        },
      ]);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const serviceMs = ms(started);
  const phaseTotals = phases.stop();

  const { rows: stored } = await db.query<{ document_id: string; file_name: string }>(
    `SELECT f.document_id, f.file_name FROM document_files f
       JOIN fapiao_documents d ON d.id = f.document_id
      WHERE d.application_id = ANY($1::uuid[]) AND f.kind = 'pdf' ORDER BY f.file_name`,
    [applicationIds],
  );
  if (stored.length !== applicationIds.length) {
    throw new Error(`${stored.length} PDFs stored for ${applicationIds.length} issues`);
  }
  const { rows: sample } = await db.query<{ application_id: string; document_id: string }>(
    `SELECT d.application_id, d.id AS document_id FROM fapiao_documents d
      WHERE d.id = $1`,
    [stored[0].document_id],
  );

  // The baseline: the same 1,000 files, each sent as its own bytes, in one INSERT.
  const values: string[] = [];
  const params: unknown[] = [];
  for (const file of stored) {
    const p = params.length;
    values.push(`($${p + 1}::uuid, $${p + 2}::text, $${p + 3}::bytea)`);
    params.push(file.document_id, file.file_name, pdf);
  }
  await db.query('BEGIN');
  await db.query(`DELETE FROM document_files WHERE document_id = ANY($1::uuid[])`, [
    stored.map((f) => f.document_id),
  ]);
  const sqlStarted = performance.now();
  const inserted = await db.query(
    `INSERT INTO document_files (document_id, kind, file_name, media_type, size_bytes, sha256,
                                 content)
     SELECT v.document_id, 'pdf', v.file_name, 'application/pdf', octet_length(v.content),
            encode(sha256(v.content), 'hex'), v.content
       FROM (VALUES ${values.join(', ')}) AS v(document_id, file_name, content)`,
    params,
  );
  const sqlMs = ms(sqlStarted);
  await db.query('ROLLBACK');
  await db.query(
    'VACUUM ANALYZE document_files, fapiao_documents, fapiao_applications, application_history, mail_outbox',
  );
  return {
    issued: stored.length,
    pdfBytes: pdf.length,
    concurrency,
    ms: serviceMs,
    sqlMs,
    sqlInserted: inserted.rowCount ?? 0,
    ratio: Math.round((serviceMs / Math.max(sqlMs, 1)) * 100) / 100,
    phases: phaseTotals,
    sample: { applicationId: sample[0].application_id, documentId: sample[0].document_id },
  };
}
