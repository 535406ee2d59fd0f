import { XMLValidator } from 'fast-xml-parser';
import JSZip from 'jszip';
import { PDFDocument } from 'pdf-lib';
import type { FapiaoFileKind } from './document-file.entity';

/** The media type each kind is stored and served with. */
export const MEDIA_TYPES: Record<FapiaoFileKind, string> = {
  pdf: 'application/pdf',
  ofd: 'application/ofd',
  xml: 'application/xml',
};

const PDF_MAGIC = Buffer.from('%PDF-', 'latin1');
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * What is wrong with a file given as `kind`, judged by its content (never by its name or the
 * type the browser sent), or null when it is fine. `label` names the field in the message.
 */
export async function fileContentProblem(
  kind: FapiaoFileKind,
  content: Buffer,
  maxBytes: number,
  label: string,
): Promise<string | null> {
  if (content.length === 0) return `${label} is empty`;
  if (content.length > maxBytes) {
    return `${label} is ${content.length} bytes, more than the ${maxBytes} bytes allowed`;
  }
  switch (kind) {
    case 'pdf':
      return pdfProblem(content, label);
    case 'ofd':
      return ofdProblem(content, label);
    case 'xml':
      return xmlProblem(content, label);
  }
}

async function pdfProblem(content: Buffer, label: string): Promise<string | null> {
  if (!content.subarray(0, PDF_MAGIC.length).equals(PDF_MAGIC)) {
    return `${label} is not a PDF (it does not start with %PDF-)`;
  }
  try {
    // Signed tax-platform PDFs are not encrypted; a PDF that pdf-lib cannot open is refused.
    const pdf = await PDFDocument.load(content, {
      updateMetadata: false,
      throwOnInvalidObject: true,
    });
    if (pdf.getPageCount() === 0) return `${label} is a PDF without pages`;
    return null;
  } catch {
    return `${label} is a damaged PDF that cannot be opened`;
  }
}

async function ofdProblem(content: Buffer, label: string): Promise<string | null> {
  if (!content.subarray(0, ZIP_MAGIC.length).equals(ZIP_MAGIC)) {
    return `${label} is not an OFD file (an OFD is a zip container)`;
  }
  try {
    const zip = await JSZip.loadAsync(content);
    if (!zip.file('OFD.xml')) return `${label} is a zip file without OFD.xml, not an OFD file`;
    return null;
  } catch {
    return `${label} is a damaged OFD file that cannot be opened`;
  }
}

function xmlProblem(content: Buffer, label: string): string | null {
  const body = content.subarray(0, UTF8_BOM.length).equals(UTF8_BOM)
    ? content.subarray(UTF8_BOM.length)
    : content;
  const text = body.toString('utf8');
  if (!text.trimStart().startsWith('<')) return `${label} is not an XML file`;
  const result = XMLValidator.validate(text);
  if (result === true) return null;
  return `${label} is not well-formed XML (line ${result.err.line}: ${result.err.msg})`;
}

/** The file's text as UTF-8, without a byte-order mark. */
export function xmlText(content: Buffer): string {
  const body = content.subarray(0, UTF8_BOM.length).equals(UTF8_BOM)
    ? content.subarray(UTF8_BOM.length)
    : content;
  return body.toString('utf8');
}
