import { Injectable } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { WorkingDaysService } from './working-days.service';

/** Daily reminder while next year's arrangement is overdue (it only logs, so every instance may). */
@Injectable()
export class CalendarCoverageJob {
  constructor(private readonly workingDays: WorkingDaysService) {}

  @Cron('0 0 9 * * *', { name: 'calendar-coverage', timeZone: 'Asia/Shanghai' })
  async run(): Promise<void> {
    await this.workingDays.checkCalendarCoverage();
  }
}
