import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { OrdersModule } from '../orders/orders.module';
import { ShippingModule } from '../shipping/shipping.module';
import { TitleProfilesModule } from '../title-profiles/title-profiles.module';
import { ApplicationMails } from './applications/application-mails';
import { ApplicationReader } from './applications/application-reader';
import { ApplicationStatistics } from './applications/application-statistics';
import { ApplicationStateMachine } from './applications/application-state-machine';
import { ApplicationsController } from './applications/applications.controller';
import { SupportRequestMoves } from './support/support-request-moves';
import { SupportRequestsRepository } from './support/support-requests.repository';
import { ApplicationsRepository } from './applications/applications.repository';
import { ApplicationsService } from './applications/applications.service';
import { ApplicationHistory } from './applications/entities/application-history.entity';
import { FapiaoApplication } from './applications/entities/fapiao-application.entity';
import { FapiaoDocument } from './applications/entities/fapiao-document.entity';
import { StaffApplicationsService } from './applications/staff-applications.service';
import { ApplicationDueDates } from './applications/application-due-dates';
import { CalendarArrangements } from './calendar/calendar-arrangements.service';
import { CalendarCoverageJob } from './calendar/calendar-coverage.job';
import { CalendarDay } from './calendar/calendar-day.entity';
import { CalendarSnapshot } from './calendar/calendar-snapshot';
import { CalendarYear } from './calendar/calendar-year.entity';
import { CalendarController } from './calendar/calendar.controller';
import { WorkingDaysService } from './calendar/working-days.service';
import { NoticesController } from './out-of-use/notices.controller';
import { OutOfUsePeriod } from './out-of-use/out-of-use-period.entity';
import { OutOfUseJob } from './out-of-use/out-of-use.job';
import { OutOfUseService } from './out-of-use/out-of-use.service';
import { StaffSupportRequestsService } from './support/staff-support-requests.service';
import { SupportRequestMails } from './support/support-request-mails';
import { SupportRequestReader } from './support/support-request-reader';
import { SupportRequestStatistics } from './support/support-request-statistics';
import { SupportRequestsController } from './support/support-requests.controller';
import { SupportRequestsService } from './support/support-requests.service';
import { DeliveryDataRetentionJob } from './applications/jobs/delivery-data-retention.job';

/**
 * Fapiao applications (customer side and the staff actions the back office calls), their state
 * machine, history and documents; title rules; the working-day calendar; out-of-use periods.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      FapiaoApplication,
      ApplicationHistory,
      FapiaoDocument,
      CalendarYear,
      CalendarDay,
      OutOfUsePeriod,
    ]),
    AuthModule,
    OrdersModule,
    NotificationsModule,
    ShippingModule,
    TitleProfilesModule,
  ],
  controllers: [
    ApplicationsController,
    NoticesController,
    SupportRequestsController,
    CalendarController,
  ],
  providers: [
    ApplicationsRepository,
    ApplicationMails,
    ApplicationStateMachine,
    ApplicationReader,
    ApplicationStatistics,
    ApplicationsService,
    StaffApplicationsService,
    CalendarSnapshot,
    WorkingDaysService,
    ApplicationDueDates,
    CalendarArrangements,
    CalendarCoverageJob,
    OutOfUseService,
    OutOfUseJob,
    DeliveryDataRetentionJob,
    SupportRequestMails,
    SupportRequestsRepository,
    SupportRequestMoves,
    SupportRequestReader,
    SupportRequestStatistics,
    SupportRequestsService,
    StaffSupportRequestsService,
  ],
  exports: [
    TypeOrmModule,
    ApplicationStateMachine,
    ApplicationReader,
    ApplicationsService,
    StaffApplicationsService,
    WorkingDaysService,
    CalendarArrangements,
    OutOfUseService,
    OutOfUseJob,
    ApplicationMails,
    SupportRequestMails,
    SupportRequestMoves,
    StaffSupportRequestsService,
    SupportRequestsService,
    SupportRequestReader,
    ApplicationStatistics,
    SupportRequestStatistics,
  ],
})
export class FapiaoModule {}
