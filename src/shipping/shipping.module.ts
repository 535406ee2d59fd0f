import { Module } from '@nestjs/common';
import { DEFAULT_PICKUP_BRANCH, PICKUP_BRANCH } from './pickup-branch';
import { ShippingController } from './shipping.controller';
import { ShippingService } from './shipping.service';

/** Delivery methods, the pick-up branch and the mailing-address rules. */
@Module({
  controllers: [ShippingController],
  providers: [ShippingService, { provide: PICKUP_BRANCH, useValue: DEFAULT_PICKUP_BRANCH }],
  exports: [ShippingService],
})
export class ShippingModule {}
