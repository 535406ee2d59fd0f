import { Module } from '@nestjs/common';
import { AuthModule } from '../../auth/auth.module';
import { OrdersModule } from '../orders.module';
import { BillingRecordsController } from './billing-records.controller';

/**
 * The customer-facing billing-record routes. Separate from OrdersModule because they need the
 * customer login (AuthModule), and AuthModule needs OrdersModule (registration checks the order
 * number): keeping the routes here avoids a module cycle.
 */
@Module({
  imports: [OrdersModule, AuthModule],
  controllers: [BillingRecordsController],
})
export class BillingRecordsModule {}
