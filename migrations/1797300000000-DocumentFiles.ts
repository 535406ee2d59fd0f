import { MigrationInterface, QueryRunner } from 'typeorm';

/** The PDF, OFD and XML files of issued fapiao documents, in a table of their own. */
export class DocumentFiles1797300000000 implements MigrationInterface {
  name = 'DocumentFiles1797300000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "document_files" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "document_id" uuid NOT NULL, "kind" character varying(8) NOT NULL, "file_name" character varying(255) NOT NULL, "media_type" character varying(100) NOT NULL, "size_bytes" integer NOT NULL, "sha256" character(64) NOT NULL, "content" bytea NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_document_files_kind" CHECK ("kind" IN ('pdf', 'ofd', 'xml')), CONSTRAINT "ck_document_files_size" CHECK ("size_bytes" = octet_length("content")), CONSTRAINT "pk_document_files" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_document_files_document_id_kind" ON "document_files" ("document_id", "kind") `,
    );
    await queryRunner.query(
      `ALTER TABLE "document_files" ADD CONSTRAINT "fk_document_files_document_id" FOREIGN KEY ("document_id") REFERENCES "fapiao_documents"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // Content is written once and read whole: no point compressing PDFs again.
    await queryRunner.query(
      `ALTER TABLE "document_files" ALTER COLUMN "content" SET STORAGE EXTERNAL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "document_files"`);
  }
}
