import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule } from '../notifications/notifications.module';
import { BillingRecordsRepository } from './billing-records/billing-records.repository';
import { BillingRecordsService } from './billing-records/billing-records.service';
import { Customer } from './entities/customer.entity';
import { Order } from './entities/order.entity';
import { PaymentRecord } from './entities/payment-record.entity';
import { OrdersService } from './orders.service';
import { PaymentPlatformController } from './payment-platform/payment-platform.controller';
import { PaymentPlatformSignatureGuard } from './payment-platform/payment-platform-signature.guard';
import { PaymentRecordsService } from './payment-records.service';

/**
 * Customers (tenants), orders and payment records pushed by the payment platform, and the bills
 * the fapiao module applies against. It imports nothing from auth, so auth can import it; the
 * customer-facing billing-record routes live in BillingRecordsModule, which needs both.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Customer, Order, PaymentRecord]), NotificationsModule],
  controllers: [PaymentPlatformController],
  providers: [
    OrdersService,
    PaymentRecordsService,
    BillingRecordsService,
    BillingRecordsRepository,
    PaymentPlatformSignatureGuard,
  ],
  exports: [OrdersService, BillingRecordsService, PaymentRecordsService],
})
export class OrdersModule {}
