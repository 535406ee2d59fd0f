import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/time/clock';
import { StaffAdmin } from '../admin-access';
import { DASHBOARD_PROVIDERS, DashboardProvider, DashboardSection } from './dashboard-providers';

export interface DashboardData {
  generatedAt: string;
  sections: DashboardSection[];
}

/** Feeds the back office's dashboard (GET /admin/api/dashboard) from the registered providers. */
@Injectable()
export class DashboardService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

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
        const section = await provider({ manager, now, admin });
        if (section) found.push(section);
      }
      return found;
    });
    return { generatedAt: now.toISOString(), sections };
  }
}
