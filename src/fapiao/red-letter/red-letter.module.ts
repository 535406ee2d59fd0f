import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule } from '../../notifications/notifications.module';
import { DocumentFilesModule } from '../document-files/document-files.module';
import { FapiaoModule } from '../fapiao.module';
import { RedLetterFormHistory } from './entities/red-letter-form-history.entity';
import { RedLetterForm } from './entities/red-letter-form.entity';
import { RedLetterLapseJob } from './red-letter-lapse.job';
import { RedLetterService } from './red-letter.service';

/**
 * Red letter for digital fapiao: confirmation forms (红字发票信息确认单) on support's retitle and
 * reversal requests, their lapse after 72 hours, the red fapiao and the reissue with files.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([RedLetterForm, RedLetterFormHistory]),
    FapiaoModule,
    DocumentFilesModule,
    NotificationsModule,
  ],
  providers: [RedLetterService, RedLetterLapseJob],
  exports: [RedLetterService, RedLetterLapseJob],
})
export class RedLetterModule {}
