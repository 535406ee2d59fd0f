import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { AdminPanelModule } from './admin/admin-panel.module';
import { AuthModule } from './auth/auth.module';
import { CommonModule } from './common/common.module';
import { ProblemDetailsFilter } from './common/errors/problem-details.filter';
import { createValidationPipe } from './common/errors/validation';
import { LoggingModule } from './common/logging/logging.module';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { MailTransportModule } from './notifications/transport/mail-transport.module';

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
        // Without the scheduler no job ticks by itself; tests run jobs by calling them.
        ...(config.jobsEnabled ? [ScheduleModule.forRoot()] : []),
        HealthModule,
        MailTransportModule,
        AuthModule,
        ...(config.adminEnabled ? [AdminPanelModule.forRootAsync()] : []),
      ],
      providers: [
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
      ],
    };
  }
}
