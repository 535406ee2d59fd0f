import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/time/clock';
import { ApplicationStatistics } from '../../fapiao/applications/application-statistics';
import { WorkingDaysService } from '../../fapiao/calendar/working-days.service';
import { SupportRequestStatistics } from '../../fapiao/support/support-request-statistics';
import { FailedMailsService } from '../../notifications/failed-mails.service';
import { StaffAdmin } from '../admin-access';
import {
  DASHBOARD_PROVIDERS,
  DashboardProvider,
  DashboardSection,
  DashboardSources,
} from './dashboard-providers';

export interface DashboardData {
  generatedAt: string;
  sections: DashboardSection[];
}

/** Feeds the back office's dashboard (GET /admin/api/dashboard) from the registered providers. */
@Injectable()
export class DashboardService {
  private readonly sources: DashboardSources;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    applications: ApplicationStatistics,
    supportRequests: SupportRequestStatistics,
    failedMails: FailedMailsService,
    calendar: WorkingDaysService,
  ) {
    this.sources = { applications, supportRequests, failedMails, calendar };
  }

  /** One read-only, repeatable-read snapshot, so the numbers agree with each other. */
  async load(
    admin: StaffAdmin,
    providers: DashboardProvider[] = DASHBOARD_PROVIDERS,
  ): Promise<DashboardData> {
    const now = this.clock.now();
    const sections = await this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      await manager.query('SET TRANSACTION READ ONLY');
      const found: DashboardSection[] = [];
      for (const provider of providers) {
        const section = await provider({ manager, now, admin, sources: this.sources });
        if (section) found.push(section);
      }
      return found;
    });
    return { generatedAt: now.toISOString(), sections };
  }
}
