import { DynamicModule, Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuthModule } from '../auth/auth.module';
import { StaffManagementService } from '../auth/staff/staff-management.service';
import { FapiaoModule } from '../fapiao/fapiao.module';
import { DocumentFilesModule } from '../fapiao/document-files/document-files.module';
import { RedLetterModule } from '../fapiao/red-letter/red-letter.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { OrdersModule } from '../orders/orders.module';
import { AdminSessionStore } from './admin-session-store';
import { ADMIN_JS_LOADER, loadAdminJs } from './adminjs-loader';
import { AuditModule } from './audit/audit.module';
import { BackOfficeGate } from './back-office-gate';
import { BackOfficeRouterBuilder } from './back-office-router';
import { BackOfficeStatus } from './back-office-status';
import { DashboardService } from './dashboard/dashboard.service';
import { StaffLoginService } from './login/staff-login.service';

export { ADMIN_ROOT_PATH } from './back-office-router';

/**
 * The AdminJS back office at /admin for service-centre staff, support and admins. Defining it
 * imports nothing from AdminJS: BackOfficeGate loads AdminJS in the background once the app has
 * started.
 */
@Module({})
export class AdminPanelModule {
  static forRoot(): DynamicModule {
    return {
      module: AdminPanelModule,
      // Global only for BackOfficeStatus, which /health reports when the back office is enabled.
      global: true,
      imports: [
        AuthModule,
        AuditModule,
        FapiaoModule,
        DocumentFilesModule,
        RedLetterModule,
        NotificationsModule,
        OrdersModule,
      ],
      providers: [
        {
          provide: AdminSessionStore,
          inject: [getDataSourceToken()],
          useFactory: (ds: DataSource) => new AdminSessionStore(ds),
        },
        StaffLoginService,
        StaffManagementService,
        DashboardService,
        { provide: ADMIN_JS_LOADER, useValue: loadAdminJs },
        BackOfficeStatus,
        BackOfficeRouterBuilder,
        BackOfficeGate,
      ],
      exports: [BackOfficeStatus],
    };
  }
}
