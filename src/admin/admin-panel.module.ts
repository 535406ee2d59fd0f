import { DynamicModule, Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuthModule } from '../auth/auth.module';
import { StaffAuthService } from '../auth/staff/staff-auth.service';
import { AppConfig } from '../config/app-config';
import { StaffAdmin } from './admin-access';
import { loadAdminJs } from './adminjs-loader';
import { AdminSessionStore } from './admin-session-store';
import { staffUserResource } from './resources/staff-user.resource';

export const ADMIN_ROOT_PATH = '/admin';
const SESSION_COOKIE = 'fapiao_admin';
const SESSION_HOURS = 8;

@Module({
  providers: [
    {
      provide: AdminSessionStore,
      inject: [getDataSourceToken()],
      useFactory: (ds: DataSource) => new AdminSessionStore(ds),
    },
  ],
  exports: [AdminSessionStore],
})
class AdminSessionModule {}

/** The AdminJS back office at /admin for service-centre staff, support and admins. */
@Module({})
export class AdminPanelModule {
  static async forRootAsync(): Promise<DynamicModule> {
    const { nest } = await loadAdminJs();
    return {
      module: AdminPanelModule,
      imports: [
        nest.AdminModule.createAdminAsync({
          imports: [AuthModule, AdminSessionModule],
          inject: [AppConfig, StaffAuthService, AdminSessionStore],
          // Without an explicit loader, under Test.createTestingModule the module falls back to
          // a no-op loader and /admin is 404.
          customLoader: nest.ExpressLoader,
          useFactory: (
            config: AppConfig,
            staffAuth: StaffAuthService,
            sessions: AdminSessionStore,
          ) => ({
            adminJsOptions: {
              rootPath: ADMIN_ROOT_PATH,
              resources: [staffUserResource()],
              branding: { companyName: 'Fapiao Service Centre', withMadeWithLove: false },
            },
            auth: {
              cookieName: SESSION_COOKIE,
              cookiePassword: config.sessionSecret,
              authenticate: async (email: string, password: string): Promise<StaffAdmin | null> => {
                const staff = await staffAuth.authenticate(email, password);
                return staff
                  ? { id: staff.id, email: staff.email, title: staff.displayName, role: staff.role }
                  : null;
              },
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
                // Secure whenever the request came over TLS (through TRUST_PROXY_HOPS proxies).
                secure: 'auto',
                maxAge: SESSION_HOURS * 3600 * 1000,
              },
            },
          }),
        }),
      ],
    };
  }
}
