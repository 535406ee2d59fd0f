import type { ModuleMetadata, Provider, Type } from '@nestjs/common';
import { DocumentFilesModule } from '../../fapiao/document-files/document-files.module';
import { OrdersModule } from '../../orders/orders.module';
import { ShippingModule } from '../../shipping/shipping.module';
import { TitleProfilesModule } from '../../title-profiles/title-profiles.module';
import { ApplicationsPages } from './applications.page';
import { ApplyPages } from './apply.page';
import { BillingRecordsPage } from './billing-records.page';
import { DocumentFilesPages } from './document-files.page';
import { SupportRequestsPages } from './support-requests.page';
import { TitleProfilesPages } from './title-profiles.page';

/**
 * The journey's pages (billing records, apply steps, applications, support requests), plugged
 * into PortalModule from here so that both halves of the portal grow without touching one file.
 */
export const JOURNEY_IMPORTS: NonNullable<ModuleMetadata['imports']> = [
  OrdersModule,
  ShippingModule,
  TitleProfilesModule,
  DocumentFilesModule,
];
export const JOURNEY_CONTROLLERS: Type[] = [
  BillingRecordsPage,
  ApplyPages,
  ApplicationsPages,
  SupportRequestsPages,
  TitleProfilesPages,
  DocumentFilesPages,
];
export const JOURNEY_PROVIDERS: Provider[] = [];
