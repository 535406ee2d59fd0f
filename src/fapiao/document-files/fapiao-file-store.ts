import type { EntityManager } from 'typeorm';
import type { FapiaoFileKind } from './document-file.entity';

/** A file to keep for an issued document. */
export interface FapiaoFileInput {
  documentId: string;
  kind: FapiaoFileKind;
  fileName: string;
  mediaType: string;
  content: Buffer;
}

/** What lists and pages show of a stored file: everything but its content. */
export interface FapiaoFileMetadata {
  id: string;
  documentId: string;
  kind: FapiaoFileKind;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  createdAt: Date;
}

export interface StoredFapiaoFile extends FapiaoFileMetadata {
  content: Buffer;
}

/**
 * Where fapiao files live. Only the PostgreSQL store exists (PostgresFapiaoFileStore); the
 * interface keeps callers free of it so that another store can take its place later.
 * `put` writes in the caller's transaction, with the documents it belongs to.
 */
export abstract class FapiaoFileStore {
  abstract put(manager: EntityManager, files: FapiaoFileInput[]): Promise<FapiaoFileMetadata[]>;

  abstract get(
    documentId: string,
    kind: FapiaoFileKind,
    manager?: EntityManager,
  ): Promise<StoredFapiaoFile | null>;

  /** The files of these documents, without content, by document then kind. */
  abstract list(documentIds: string[], manager?: EntityManager): Promise<FapiaoFileMetadata[]>;
}
