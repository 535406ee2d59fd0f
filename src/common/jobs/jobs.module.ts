import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { TypeOrmModule } from '@nestjs/typeorm';
import { JobScheduler } from './job-scheduler';
import { ScheduledJobRun } from './scheduled-job-run.entity';
import { ScheduledJobRuns } from './scheduled-job-runs';

/**
 * The scheduler of this instance: imported only when JOBS_ENABLED (tests call jobs' methods
 * directly). Interval work that claims rows (the mail outbox) uses @nestjs/schedule directly.
 */
@Module({
  imports: [ScheduleModule.forRoot(), DiscoveryModule, TypeOrmModule.forFeature([ScheduledJobRun])],
  providers: [JobScheduler, ScheduledJobRuns],
  exports: [JobScheduler],
})
export class JobsModule {}
