import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import {
  AuthenticatedCustomer,
  CurrentCustomer,
} from '../../auth/customer/current-customer.decorator';
import { CustomerAuthGuard } from '../../auth/customer/customer-auth.guard';
import {
  BillingRecordDetailDto,
  BillingRecordPageDto,
  BillingRecordsQueryDto,
} from '../dto/billing-record.dto';
import { BillingRecordsService } from './billing-records.service';

/** The signed-in customer's orders, with payment-sync and fapiao state. */
@ApiTags('billing records')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No valid access token.' })
@UseGuards(CustomerAuthGuard)
@Controller('api/v1/billing-records')
export class BillingRecordsController {
  constructor(private readonly billingRecords: BillingRecordsService) {}

  @Get()
  @ApiOperation({
    summary: "The account's customer's billing records, newest first",
    description:
      'Every bill (order) of the signed-in customer (company), with its fapiao status and whether it can be applied for now. Paged (`page`, `pageSize` ≤ 100).',
  })
  @ApiOkResponse({ type: BillingRecordPageDto })
  list(
    @CurrentCustomer() customer: AuthenticatedCustomer,
    @Query() query: BillingRecordsQueryDto,
  ): Promise<BillingRecordPageDto> {
    return this.billingRecords.listForCustomer(customer.customerId, query);
  }

  @Get(':orderNumber')
  @ApiOperation({
    summary: 'One billing record',
    description:
      "The bill with its items, payment record (once synced) and the application that holds it, if any. Another customer's order number answers 404, as an unknown one does.",
  })
  @ApiParam({ name: 'orderNumber', example: 'SO-20260301-0001' })
  @ApiOkResponse({ type: BillingRecordDetailDto })
  @ApiNotFoundResponse({
    description:
      "No such order among the customer's (ORDER_NOT_FOUND), also for another customer's.",
  })
  get(
    @CurrentCustomer() customer: AuthenticatedCustomer,
    @Param('orderNumber') orderNumber: string,
  ): Promise<BillingRecordDetailDto> {
    return this.billingRecords.getForCustomer(customer.customerId, orderNumber);
  }
}
