import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AuthModule } from '../auth/auth.module';
import { FapiaoModule } from '../fapiao/fapiao.module';
import { PortalErrorPages } from './http/portal-error-pages';
import { PortalCsrf, PortalCsrfGuard } from './http/portal-csrf';
import { PortalExceptionFilter, PortalNotFoundFilter } from './http/portal-exception.filter';
import { PortalHttpPipeline } from './http/portal-http.pipeline';
import { SharedThrottlerGuard } from './http/shared-throttler.guard';
import { AccountController } from './pages/account.controller';
import { ApplyEntryController } from './pages/apply-entry.controller';
import { HomeController } from './pages/home.controller';
import { CompanyAccountsController } from './pages/company-accounts.controller';
import { SignInLinkController } from './pages/sign-in-link.controller';
import { PasswordController } from './pages/password.controller';
import { RegistrationController } from './pages/registration.controller';
import { JOURNEY_CONTROLLERS, JOURNEY_IMPORTS, JOURNEY_PROVIDERS } from './journey/journey-pages';
import { SignInController } from './pages/sign-in.controller';
import { PortalLocalStrategy } from './sign-in/portal-local.strategy';
import { PortalPassport } from './sign-in/portal-passport';
import { PortalSessionSerializer } from './sign-in/portal-session.serializer';
import { PortalSignedInGuard } from './sign-in/portal-signed-in.guard';
import { PortalSignInService } from './sign-in/portal-sign-in.service';

/**
 * The customers' web pages at the site root (templates/portal): sessions through passport,
 * CSRF, the page's language. No business rules of its own: every page calls the services the
 * API calls. `installPortal` (portal-setup.ts) puts its request pipeline in front of the routes.
 */
@Module({
  imports: [AuthModule, FapiaoModule, ...JOURNEY_IMPORTS],
  controllers: [
    HomeController,
    SignInController,
    RegistrationController,
    PasswordController,
    SignInLinkController,
    CompanyAccountsController,
    AccountController,
    ApplyEntryController,
    ...JOURNEY_CONTROLLERS,
  ],
  providers: [
    ...JOURNEY_PROVIDERS,
    PortalHttpPipeline,
    PortalErrorPages,
    PortalExceptionFilter,
    PortalCsrf,
    PortalCsrfGuard,
    PortalLocalStrategy,
    PortalSessionSerializer,
    PortalPassport,
    PortalSignInService,
    PortalSignedInGuard,
    SharedThrottlerGuard,
    // A browser's unknown path gets the 404 page; every other error stays problem details.
    { provide: APP_FILTER, useClass: PortalNotFoundFilter },
  ],
})
export class PortalModule {}
