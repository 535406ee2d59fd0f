import { Get, Param, Query, Render, UseGuards } from '@nestjs/common';
import { BillingRecordsService } from '../../orders/billing-records/billing-records.service';
import type { BillingRecord } from '../../orders/billing-records/billing-records.service';
import { PortalController } from '../http/portal-controller.decorator';
import { applyPathFor } from '../pages/apply-entry.controller';
import type { PortalCustomer } from '../sign-in/portal-customer';
import { PortalSignedInGuard, SignedInCustomer } from '../sign-in/portal-signed-in.guard';
import { applicationStatusKey, businessDateOf, pageNumber } from './journey-view';

const PAGE_SIZE = 20;

/** A billing record as its row shows it: what can be done with the bill next. */
function recordView(record: BillingRecord) {
  const draft = record.fapiaoStatus === 'draft';
  return {
    ...record,
    orderedOn: businessDateOf(record.orderedAt),
    syncedOn: businessDateOf(record.paymentSyncedAt),
    statusKey: applicationStatusKey(record.fapiaoStatus),
    detailPath: `/billing-records/${encodeURIComponent(record.orderNumber)}`,
    applyPath: record.applicable ? applyPathFor(record.orderNumber) : undefined,
    continuesDraft: record.applicable && draft,
    applicationPath:
      record.applicationId && !draft ? `/applications/${record.applicationId}` : undefined,
  };
}

/** The customer's bills: amount, whether the payment has synced, the fapiao's state, Apply. */
@PortalController()
@UseGuards(PortalSignedInGuard)
export class BillingRecordsPage {
  constructor(private readonly billingRecords: BillingRecordsService) {}

  @Get('billing-records')
  @Render('journey/billing-records')
  async list(@SignedInCustomer() customer: PortalCustomer, @Query('page') page: unknown) {
    const found = await this.billingRecords.listForCustomer(customer.customerId, {
      page: pageNumber(page),
      pageSize: PAGE_SIZE,
    });
    const pages = Math.max(1, Math.ceil(found.total / PAGE_SIZE));
    return {
      titleKey: 'journey.billingRecords.title',
      records: found.items.map(recordView),
      empty: found.total === 0,
      previousPage: found.page > 1 ? Math.min(found.page - 1, pages) : undefined,
      nextPage: found.page < pages ? found.page + 1 : undefined,
      page: found.page,
      pages,
    };
  }

  @Get('billing-records/:orderNumber')
  @Render('journey/billing-record')
  async detail(
    @SignedInCustomer() customer: PortalCustomer,
    @Param('orderNumber') orderNumber: string,
  ) {
    const record = await this.billingRecords.getForCustomer(customer.customerId, orderNumber);
    return {
      titleKey: 'journey.billingRecord.title',
      record: { ...recordView(record), paidOn: businessDateOf(record.paidAt) },
      items: record.items,
    };
  }
}
