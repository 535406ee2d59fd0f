import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { AdminPanelModule } from './admin/admin-panel.module';
import { AuthModule } from './auth/auth.module';
import { CommonModule } from './common/common.module';
import { JobsModule } from './common/jobs/jobs.module';
import { ProblemDetailsFilter } from './common/errors/problem-details.filter';
import { createValidationPipe } from './common/errors/validation';
import { RetriedReadsInterceptor } from './common/http/retried-reads.interceptor';
import { LoggingModule } from './common/logging/logging.module';
import { ThrottlingModule } from './common/throttling/throttling.module';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { FapiaoModule } from './fapiao/fapiao.module';
import { DocumentFilesModule } from './fapiao/document-files/document-files.module';
import { RedLetterModule } from './fapiao/red-letter/red-letter.module';
import { ShippingModule } from './shipping/shipping.module';
import { NotificationsModule } from './notifications/notifications.module';
import { OrdersModule } from './orders/orders.module';
import { BillingRecordsModule } from './orders/billing-records/billing-records.module';
import { DemoDataModule } from './demo/demo-data.module';
import { PortalModule } from './portal/portal.module';
import { TitleProfilesModule } from './title-profiles/title-profiles.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        CommonModule,
        LoggingModule,
        DatabaseModule,
        ThrottlingModule,
        // Without the scheduler no job ticks by itself; tests run jobs by calling them.
        ...(config.jobsEnabled ? [JobsModule] : []),
        HealthModule,
        NotificationsModule,
        AuthModule,
        OrdersModule,
        BillingRecordsModule,
        ShippingModule,
        FapiaoModule,
        TitleProfilesModule,
        DocumentFilesModule,
        RedLetterModule,
        DemoDataModule,
        PortalModule,
        ...(config.adminEnabled ? [AdminPanelModule.forRoot()] : []),
      ],
      providers: [
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_INTERCEPTOR, useClass: RetriedReadsInterceptor },
      ],
    };
  }
}
