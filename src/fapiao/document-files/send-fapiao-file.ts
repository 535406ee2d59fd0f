import type { Response } from 'express';
import type { StoredFapiaoFile } from './fapiao-file-store';

/**
 * `attachment` with the file's name: RFC 6266 `filename*` (RFC 5987 UTF-8 encoding) for every
 * client that reads it, and a plain ASCII `filename` for the rest (the name without its other
 * characters, rather than question marks).
 */
export function attachmentDisposition(fileName: string, kind: string): string {
  const ascii = fileName
    .replace(/[^\x20-\x7e]+/g, '')
    .replace(/["\\]/g, '')
    .trim();
  const fallback = ascii && !ascii.startsWith('.') ? ascii : `fapiao.${kind}`;
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** Sends a stored file as a download, with its media type and file name. */
export function sendFapiaoFile(res: Response, file: StoredFapiaoFile): void {
  res.set({
    'Content-Type': file.mediaType,
    'Content-Disposition': attachmentDisposition(file.fileName, file.kind),
    'Cache-Control': 'private, no-store',
    'X-Content-Type-Options': 'nosniff',
    ETag: `"${file.sha256}"`,
  });
  res.send(file.content);
}
