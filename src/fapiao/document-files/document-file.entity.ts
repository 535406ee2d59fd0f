import {
  BaseEntity,
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { FapiaoDocument } from '../applications/entities/fapiao-document.entity';

export const FAPIAO_FILE_KINDS = ['pdf', 'ofd', 'xml'] as const;
export type FapiaoFileKind = (typeof FAPIAO_FILE_KINDS)[number];

export const DOCUMENT_FILE_KIND_INDEX = 'uq_document_files_document_id_kind';

/**
 * A file the tax platform gave for an issued fapiao (its PDF, OFD or XML), at most one per kind
 * and document. A table of its own so that document and application reads never carry the
 * content; `content` is left out of every read unless asked for.
 */
@Entity('document_files')
@Check('ck_document_files_kind', `"kind" IN ('pdf', 'ofd', 'xml')`)
@Check('ck_document_files_size', `"size_bytes" = octet_length("content")`)
@Index(DOCUMENT_FILE_KIND_INDEX, ['documentId', 'kind'], { unique: true })
export class DocumentFile extends BaseEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_document_files' })
  id: string;

  @Column({ type: 'uuid' })
  documentId: string;

  @ManyToOne(() => FapiaoDocument, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({
    name: 'document_id',
    foreignKeyConstraintName: 'fk_document_files_document_id',
  })
  document?: FapiaoDocument;

  @Column({ type: 'varchar', length: 8 })
  kind: FapiaoFileKind;

  /** The name staff uploaded it under (shown and used for downloads). */
  @Column({ type: 'varchar', length: 255 })
  fileName: string;

  @Column({ type: 'varchar', length: 100 })
  mediaType: string;

  @Column({ type: 'integer' })
  sizeBytes: number;

  /** Hex SHA-256 of the content: lets a reader tell a file changed without loading it. */
  @Column({ type: 'char', length: 64 })
  sha256: string;

  @Column({ type: 'bytea', select: false })
  content: Buffer;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
