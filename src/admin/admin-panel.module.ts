import { DynamicModule, Logger, Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { Request } from 'express';
import type { DataSource } from 'typeorm';
import { AuthModule } from '../auth/auth.module';
import { AccountsService } from '../auth/customer/accounts.service';
import { StaffManagementService } from '../auth/staff/staff-management.service';
import { Clock } from '../common/time/clock';
import { AppConfig } from '../config/app-config';
import { StaffApplicationsService } from '../fapiao/applications/staff-applications.service';
import { FapiaoModule } from '../fapiao/fapiao.module';
import { StaffSupportRequestsService } from '../fapiao/support/staff-support-requests.service';
import { FailedMailsService } from '../notifications/failed-mails.service';
import { NotificationsModule } from '../notifications/notifications.module';
import { StaffAdmin } from './admin-access';
import { ADMIN_COMPONENTS } from './admin-components';
import { adminLocale } from './admin-locale';
import { AdminSessionStore } from './admin-session-store';
import { AdminJsPackages, loadAdminJs } from './adminjs-loader';
import { AuditLogService } from './audit/audit-log.service';
import { AuditModule } from './audit/audit.module';
import { DashboardService } from './dashboard/dashboard.service';
import { StaffLoginService } from './login/staff-login.service';
import { AdminResourceDeps } from './resources/admin-resource-deps';
import { applicationResource } from './resources/application.resource';
import { auditLogResource } from './resources/audit-log.resource';
import { calendarOverrideResource } from './resources/calendar-override.resource';
import { outOfUsePeriodResource } from './resources/out-of-use-period.resource';
import { customerResource } from './resources/customer.resource';
import { customerAccountResource } from './resources/customer-account.resource';
import { mailOutboxResource } from './resources/mail-outbox.resource';
import { orderResource } from './resources/order.resource';
import { paymentRecordResource } from './resources/payment-record.resource';
import { staffUserResource } from './resources/staff-user.resource';
import { SupportRequestActionDeps } from './resources/support-request-actions';
import { supportRequestResource } from './resources/support-request.resource';

export const ADMIN_ROOT_PATH = '/admin';
const SESSION_COOKIE = 'fapiao_admin';
const SESSION_HOURS = 8;

const logger = new Logger('BackOffice');

/** The back office's own services, outside AdminJS so they can be injected into its factory. */
@Module({
  imports: [AuthModule, AuditModule, FapiaoModule, NotificationsModule],
  providers: [
    {
      provide: AdminSessionStore,
      inject: [getDataSourceToken()],
      useFactory: (ds: DataSource) => new AdminSessionStore(ds),
    },
    StaffLoginService,
    StaffManagementService,
    DashboardService,
  ],
  exports: [
    AdminSessionStore,
    StaffLoginService,
    StaffManagementService,
    DashboardService,
    AuditModule,
    AuthModule,
    FapiaoModule,
    NotificationsModule,
  ],
})
class AdminServicesModule {}

/** The resources, top to bottom in the navigation. */
function adminResources(deps: AdminResourceDeps & SupportRequestActionDeps) {
  return [
    applicationResource(deps),
    supportRequestResource(deps),
    orderResource(),
    customerResource(),
    paymentRecordResource(),
    customerAccountResource(deps),
    mailOutboxResource(deps),
    outOfUsePeriodResource(deps),
    calendarOverrideResource(deps),
    staffUserResource(deps),
    auditLogResource(),
  ];
}

function componentOptions(adminjs: AdminJsPackages) {
  const componentLoader = new adminjs.ComponentLoader();
  const mode = adminjs.components;
  if (mode.kind === 'on-request') {
    for (const [name, file] of Object.entries(mode.sources)) componentLoader.add(name, file);
  } else if (mode.kind === 'none') {
    logger.warn('No bundled back-office components found (run `npm run build`); using defaults.');
  }
  return {
    componentLoader,
    dashboard: mode.kind === 'none' ? undefined : { component: ADMIN_COMPONENTS.Dashboard },
  };
}

/** The AdminJS back office at /admin for service-centre staff, support and admins. */
@Module({})
export class AdminPanelModule {
  static async forRootAsync(): Promise<DynamicModule> {
    const adminjs = await loadAdminJs();
    const { nest } = adminjs;
    return {
      module: AdminPanelModule,
      imports: [
        nest.AdminModule.createAdminAsync({
          imports: [AdminServicesModule],
          inject: [
            AppConfig,
            getDataSourceToken(),
            AdminSessionStore,
            StaffLoginService,
            StaffManagementService,
            AuditLogService,
            DashboardService,
            StaffApplicationsService,
            Clock,
            AccountsService,
            FailedMailsService,
            StaffSupportRequestsService,
          ],
          // Without an explicit loader, under Test.createTestingModule the module falls back to
          // a no-op loader and /admin is 404.
          customLoader: nest.ExpressLoader,
          useFactory: (
            config: AppConfig,
            dataSource: DataSource,
            sessions: AdminSessionStore,
            staffLogin: StaffLoginService,
            staffManagement: StaffManagementService,
            audit: AuditLogService,
            dashboard: DashboardService,
            staffApplications: StaffApplicationsService,
            clock: Clock,
            accounts: AccountsService,
            failedMails: FailedMailsService,
            staffSupportRequests: StaffSupportRequestsService,
          ) => {
            const { componentLoader, dashboard: dashboardComponent } = componentOptions(adminjs);
            return {
              adminJsOptions: {
                rootPath: ADMIN_ROOT_PATH,
                resources: adminResources({
                  dataSource,
                  audit,
                  clock,
                  staffManagement,
                  staffApplications,
                  accounts,
                  failedMails,
                  staffSupportRequests,
                }),
                componentLoader,
                dashboard: {
                  ...dashboardComponent,
                  // Any signed-in staff member; each provider decides what a role sees.
                  handler: async (
                    _req: unknown,
                    _res: unknown,
                    context: { currentAdmin?: unknown },
                  ) => dashboard.load(context.currentAdmin as StaffAdmin),
                },
                locale: adminLocale(),
                branding: {
                  companyName: 'Fapiao Service Centre',
                  logo: false,
                  withMadeWithLove: false,
                },
              },
              auth: {
                cookieName: SESSION_COOKIE,
                cookiePassword: config.sessionSecret,
                authenticate: async (
                  email: string,
                  password: string,
                  context?: { req: Request },
                ): Promise<StaffAdmin | null> =>
                  // Throttled: throws LoginThrottledError, whose message (a translation key)
                  // AdminJS shows on the login page (with status 400).
                  staffLogin.login(email, password, context?.req.ip),
              },
              sessionOptions: {
                store: sessions.store,
                name: SESSION_COOKIE,
                secret: config.sessionSecret,
                resave: false,
                saveUninitialized: false,
                cookie: {
                  httpOnly: true,
                  sameSite: 'lax',
                  // Secure whenever the request came over TLS: behind a TLS-terminating proxy
                  // that needs TRUST_PROXY_HOPS set, so req.secure reflects X-Forwarded-Proto.
                  secure: 'auto',
                  maxAge: SESSION_HOURS * 3600 * 1000,
                },
              },
            };
          },
        }),
      ],
    };
  }
}
