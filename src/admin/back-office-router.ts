import { Inject, Injectable, Logger } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { AdminJSOptions } from 'adminjs' with { 'resolution-mode': 'import' };
import { RequestHandler, Router } from 'express';
import session, { SessionOptions } from 'express-session';
import type { DataSource } from 'typeorm';
import { AccountsService } from '../auth/customer/accounts.service';
import { StaffManagementService } from '../auth/staff/staff-management.service';
import { StaffTwoFactorService } from '../auth/staff/staff-two-factor.service';
import { Clock } from '../common/time/clock';
import { AppConfig } from '../config/app-config';
import { StaffApplicationsService } from '../fapiao/applications/staff-applications.service';
import { CalendarArrangements } from '../fapiao/calendar/calendar-arrangements.service';
import { DigitalIssueService } from '../fapiao/document-files/digital-issue.service';
import { RedLetterService } from '../fapiao/red-letter/red-letter.service';
import { DocumentFilesService } from '../fapiao/document-files/document-files.service';
import { StaffSupportRequestsService } from '../fapiao/support/staff-support-requests.service';
import { FailedMailsService } from '../notifications/failed-mails.service';
import { PaymentRecordsService } from '../orders/payment-records.service';
import { StaffAdmin } from './admin-access';
import { ADMIN_COMPONENTS } from './admin-components';
import { adminLocale } from './admin-locale';
import { AdminSessionStore } from './admin-session-store';
import type { AdminJsPackages } from './adminjs-loader';
import { AuditLogService } from './audit/audit-log.service';
import { DashboardService } from './dashboard/dashboard.service';
import { StaffLoginService } from './login/staff-login.service';
import { staffSignInRoutes } from './login/staff-sign-in-routes';
import { AdminResourceDeps } from './resources/admin-resource-deps';
import { applicationResource } from './resources/application.resource';
import { auditLogResource } from './resources/audit-log.resource';
import { calendarDayResource, calendarYearResource } from './resources/calendar.resource';
import { customerAccountResource } from './resources/customer-account.resource';
import { customerResource } from './resources/customer.resource';
import { mailOutboxResource } from './resources/mail-outbox.resource';
import { orderResource } from './resources/order.resource';
import { outOfUsePeriodResource } from './resources/out-of-use-period.resource';
import { paymentRecordResource } from './resources/payment-record.resource';
import { staffUserResource } from './resources/staff-user.resource';
import { FinanceExportDeps } from './resources/finance-export-action';
import { SupportRequestActionDeps } from './resources/support-request-actions';
import { supportRequestResource } from './resources/support-request.resource';
import { withBusinessDates } from './resources/business-dates';
import { withQueryPolicy } from './security/apply-query-policy';
import { backOfficePageSecurity, FAVICON_PATH } from './security/back-office-page-security';
import { rememberClient } from './security/client-info';
import { backOfficeQueryGuard } from './security/back-office-query-guard';
import { QUERY_POLICIES } from './security/query-policy';

export const ADMIN_ROOT_PATH = '/admin';
const SESSION_COOKIE = 'fapiao_admin';
const SESSION_HOURS = 8;

const logger = new Logger('BackOffice');

type ResourceDeps = AdminResourceDeps &
  SupportRequestActionDeps &
  FinanceExportDeps & {
    digitalIssue: DigitalIssueService;
    documentFiles: DocumentFilesService;
    redLetter: RedLetterService;
  };

/** The resources, top to bottom in the navigation. */
function adminResources(deps: ResourceDeps) {
  return [
    applicationResource(deps),
    supportRequestResource(deps),
    orderResource(),
    customerResource(),
    paymentRecordResource(),
    customerAccountResource(deps),
    mailOutboxResource(deps),
    outOfUsePeriodResource(deps),
    calendarYearResource(deps),
    calendarDayResource(),
    staffUserResource(deps),
    auditLogResource(),
  ].map(withQueryPolicy);
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

/**
 * Builds the AdminJS instance and its Express router (what @adminjs/nestjs did, minus the module
 * that imported AdminJS while the app started), from services Nest injects as usual.
 */
@Injectable()
export class BackOfficeRouterBuilder {
  constructor(
    private readonly config: AppConfig,
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
    private readonly sessions: AdminSessionStore,
    private readonly staffLogin: StaffLoginService,
    private readonly staffManagement: StaffManagementService,
    private readonly audit: AuditLogService,
    private readonly dashboard: DashboardService,
    private readonly staffApplications: StaffApplicationsService,
    private readonly clock: Clock,
    private readonly accounts: AccountsService,
    private readonly failedMails: FailedMailsService,
    private readonly staffSupportRequests: StaffSupportRequestsService,
    private readonly calendarArrangements: CalendarArrangements,
    private readonly payments: PaymentRecordsService,
    private readonly twoFactor: StaffTwoFactorService,
    private readonly digitalIssue: DigitalIssueService,
    private readonly documentFiles: DocumentFilesService,
    private readonly redLetter: RedLetterService,
  ) {}

  build(adminjs: AdminJsPackages): RequestHandler {
    const admin = new adminjs.AdminJS(this.adminJsOptions(adminjs));
    // Runs before AdminJS's own handlers (session, login, actions), for every request.
    const guards = Router();
    guards.use(backOfficePageSecurity(this.config.publicBaseUrl, ADMIN_ROOT_PATH));
    guards.use(rememberClient);
    guards.use(
      staffSignInRoutes({
        admin,
        staffLogin: this.staffLogin,
        twoFactor: this.twoFactor,
        clock: this.clock,
        session: session(this.sessionOptions()),
        rootPath: ADMIN_ROOT_PATH,
      }),
    );
    guards.use(
      backOfficeQueryGuard(QUERY_POLICIES, adminjs, (resourceId, path) =>
        admin.findResource(resourceId).decorate().getPropertyByKey(path)?.type(),
      ),
    );
    return adminjs.express.buildAuthenticatedRouter(
      admin,
      this.authOptions(),
      guards,
      this.sessionOptions(),
    );
  }

  private adminJsOptions(adminjs: AdminJsPackages): AdminJSOptions {
    const { componentLoader, dashboard: dashboardComponent } = componentOptions(adminjs);
    return {
      rootPath: ADMIN_ROOT_PATH,
      resources: adminResources(this.resourceDeps()).map((resource) =>
        withBusinessDates(resource, this.dataSource, adminjs.ValidationError),
      ),
      componentLoader,
      dashboard: {
        ...dashboardComponent,
        // Any signed-in staff member; each provider decides what a role sees.
        handler: async (_req, _res, context) =>
          this.dashboard.load(context.currentAdmin as StaffAdmin),
      },
      locale: adminLocale(),
      branding: {
        companyName: 'Fapiao Service Centre',
        logo: false,
        withMadeWithLove: false,
        favicon: `${ADMIN_ROOT_PATH}${FAVICON_PATH}`,
        // AdminJS's light greys fail WCAG AA contrast for text and badges: darker ones.
        theme: { colors: { grey60: '#5c5d6b', grey40: '#686977' } },
      },
    };
  }

  private resourceDeps(): ResourceDeps {
    return {
      dataSource: this.dataSource,
      audit: this.audit,
      clock: this.clock,
      staffManagement: this.staffManagement,
      staffApplications: this.staffApplications,
      accounts: this.accounts,
      failedMails: this.failedMails,
      staffSupportRequests: this.staffSupportRequests,
      calendarArrangements: this.calendarArrangements,
      payments: this.payments,
      digitalIssue: this.digitalIssue,
      documentFiles: this.documentFiles,
      redLetter: this.redLetter,
    };
  }

  private authOptions() {
    return {
      cookieName: SESSION_COOKIE,
      cookiePassword: this.config.sessionSecret,
      // Never reached: staffSignInRoutes answers every sign-in before AdminJS's own handler.
      authenticate: (): Promise<StaffAdmin | null> => Promise.resolve(null),
    };
  }

  private sessionOptions(): SessionOptions {
    return {
      store: this.sessions.store,
      name: SESSION_COOKIE,
      secret: this.config.sessionSecret,
      resave: false,
      saveUninitialized: false,
      cookie: {
        httpOnly: true,
        sameSite: 'lax',
        // Secure whenever the request came over TLS: behind a TLS-terminating proxy that needs
        // TRUST_PROXY_HOPS set, so req.secure reflects X-Forwarded-Proto.
        secure: 'auto',
        maxAge: SESSION_HOURS * 3600 * 1000,
      },
    };
  }
}
