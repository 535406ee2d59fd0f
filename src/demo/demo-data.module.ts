import { Injectable, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { AppConfig } from '../config/app-config';
import { DatabaseEndpoint } from '../database/database-endpoint';
import { DatabaseModule } from '../database/database.module';
import { OrdersModule } from '../orders/orders.module';
import { OrdersService } from '../orders/orders.service';
import { DemoDataService, describeDemoLogins } from './demo-data.service';

/**
 * A first-time `npm start` (embedded database, DEMO_DATA not false) gets something to look at.
 * Never with DATABASE_URL: a real database only gets demo data from `npm run seed:demo`.
 */
@Injectable()
export class DemoDataOnFirstStart implements OnApplicationBootstrap {
  private readonly logger = new Logger('DemoData');

  constructor(
    private readonly config: AppConfig,
    private readonly endpoint: DatabaseEndpoint,
    private readonly orders: OrdersService,
    private readonly demo: DemoDataService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.endpoint.isEmbedded || !this.config.demoData) return;
    if (await this.orders.hasAnyOrders()) return;
    try {
      const summary = await this.demo.load();
      console.log(describeDemoLogins(summary, this.config.publicBaseUrl));
    } catch (error) {
      // Demo data is a convenience: the app still starts without it.
      this.logger.warn(`Could not load the demo data: ${(error as Error).message}`);
    }
  }
}

@Module({
  imports: [DatabaseModule, OrdersModule, AuthModule],
  providers: [DemoDataService, DemoDataOnFirstStart],
  exports: [DemoDataService],
})
export class DemoDataModule {}
