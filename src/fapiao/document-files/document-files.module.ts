import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FapiaoModule } from '../fapiao.module';
import { DigitalIssueService } from './digital-issue.service';
import { DocumentFile } from './document-file.entity';
import { DocumentFilesController } from './document-files.controller';
import { DocumentFilesService } from './document-files.service';
import { FapiaoFileStore } from './fapiao-file-store';
import { IssuedMailAttachments } from './issued-mail-attachments';
import { PostgresFapiaoFileStore } from './postgres-fapiao-file-store';
import { NotificationsModule } from '../../notifications/notifications.module';

/**
 * The files of issued fapiao documents (PDF, OFD, XML): their store, the checks on upload, the
 * issue with files, and their delivery to the customer.
 */
@Module({
  imports: [TypeOrmModule.forFeature([DocumentFile]), FapiaoModule, NotificationsModule],
  controllers: [DocumentFilesController],
  providers: [
    { provide: FapiaoFileStore, useClass: PostgresFapiaoFileStore },
    DigitalIssueService,
    DocumentFilesService,
    IssuedMailAttachments,
  ],
  exports: [FapiaoFileStore, DigitalIssueService, DocumentFilesService],
})
export class DocumentFilesModule {}
