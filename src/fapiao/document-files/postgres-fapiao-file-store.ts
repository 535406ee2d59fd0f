import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import { DocumentFile, type FapiaoFileKind } from './document-file.entity';
import {
  FapiaoFileStore,
  type FapiaoFileInput,
  type FapiaoFileMetadata,
  type StoredFapiaoFile,
} from './fapiao-file-store';

const METADATA = {
  id: true,
  documentId: true,
  kind: true,
  fileName: true,
  mediaType: true,
  sizeBytes: true,
  sha256: true,
  createdAt: true,
} as const;

/** Fapiao files as rows of `document_files` (bytea content), one per document and kind. */
@Injectable()
export class PostgresFapiaoFileStore extends FapiaoFileStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    super();
  }

  async put(manager: EntityManager, files: FapiaoFileInput[]): Promise<FapiaoFileMetadata[]> {
    if (files.length === 0) return [];
    const rows = files.map((file) => ({
      documentId: file.documentId,
      kind: file.kind,
      fileName: file.fileName,
      mediaType: file.mediaType,
      sizeBytes: file.content.length,
      sha256: createHash('sha256').update(file.content).digest('hex'),
      content: file.content,
    }));
    const result = await manager.insert(DocumentFile, rows);
    return rows.map(({ content: _content, ...row }, i) => ({
      ...row,
      id: result.identifiers[i].id as string,
      createdAt: result.generatedMaps[i].createdAt as Date,
    }));
  }

  async get(
    documentId: string,
    kind: FapiaoFileKind,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<StoredFapiaoFile | null> {
    const file = await manager.findOne(DocumentFile, {
      where: { documentId, kind },
      select: { ...METADATA, content: true },
    });
    return file ? { ...metadataOf(file), content: file.content } : null;
  }

  async list(
    documentIds: string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<FapiaoFileMetadata[]> {
    if (documentIds.length === 0) return [];
    const files = await manager.find(DocumentFile, {
      where: { documentId: In(documentIds) },
      select: METADATA,
      order: { documentId: 'ASC', kind: 'ASC' },
    });
    return files.map(metadataOf);
  }
}

function metadataOf(file: DocumentFile): FapiaoFileMetadata {
  return {
    id: file.id,
    documentId: file.documentId,
    kind: file.kind,
    fileName: file.fileName,
    mediaType: file.mediaType,
    sizeBytes: file.sizeBytes,
    sha256: file.sha256.trim(),
    createdAt: file.createdAt,
  };
}
