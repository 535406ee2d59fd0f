import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { NotificationsModule } from '../notifications/notifications.module';
import { OrdersModule } from '../orders/orders.module';
import {
  ACCESS_TOKEN_ALGORITHM,
  ACCESS_TOKEN_AUDIENCE,
  ACCESS_TOKEN_ISSUER,
  AccessTokens,
} from './customer/access-tokens';
import { AccountMails } from './customer/account-mails';
import { CustomerAccountsRepository } from './customer/customer-accounts.repository';
import { AccountsService } from './customer/accounts.service';
import { ActivationService } from './customer/activation.service';
import { AuthController } from './customer/auth.controller';
import { CustomerAuthGuard } from './customer/customer-auth.guard';
import { CustomerJwtStrategy } from './customer/customer-jwt.strategy';
import { EmailChangeService } from './customer/email-change.service';
import { AccountToken } from './customer/entities/account-token.entity';
import { CustomerAccount } from './customer/entities/customer-account.entity';
import { ActivationExpiryJob } from './customer/jobs/activation-expiry.job';
import { LoginService } from './customer/login.service';
import { MeController } from './customer/me.controller';
import { PasswordCareService } from './customer/password-care.service';
import { RegistrationController } from './customer/registration.controller';
import { RegistrationService } from './customer/registration.service';
import { SignInLinkService } from './customer/sign-in-link.service';
import { CompanyAccountsService } from './customer/company-accounts.service';
import { OneTimeTokens } from './customer/tokens/one-time-tokens';
import { PasswordHasher } from './passwords/password-hasher';
import { StaffAuthService } from './staff/staff-auth.service';
import { StaffTwoFactorService } from './staff/staff-two-factor.service';
import { StaffUser } from './staff/staff-user.entity';
import { AuthenticatedAccountCache } from './customer/authenticated-account-cache';

/**
 * Staff users (back office) and customer accounts: registration, activation, login (JWT),
 * password and email care. Modules that import it can use `@UseGuards(CustomerAuthGuard)`.
 * Rate limiting comes from the global ThrottlingModule.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([StaffUser, CustomerAccount, AccountToken]),
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        secret: config.jwtSecret,
        signOptions: {
          algorithm: ACCESS_TOKEN_ALGORITHM,
          audience: ACCESS_TOKEN_AUDIENCE,
          issuer: ACCESS_TOKEN_ISSUER,
        },
        verifyOptions: {
          algorithms: [ACCESS_TOKEN_ALGORITHM],
          audience: ACCESS_TOKEN_AUDIENCE,
          issuer: ACCESS_TOKEN_ISSUER,
        },
      }),
    }),
    NotificationsModule,
    OrdersModule,
  ],
  // The activation link's page is the portal's (src/portal/pages/registration.controller.ts).
  controllers: [RegistrationController, AuthController, MeController],
  providers: [
    PasswordHasher,
    StaffAuthService,
    StaffTwoFactorService,
    AccessTokens,
    OneTimeTokens,
    AccountMails,
    ActivationService,
    AccountsService,
    CustomerAccountsRepository,
    AuthenticatedAccountCache,
    RegistrationService,
    LoginService,
    SignInLinkService,
    CompanyAccountsService,
    PasswordCareService,
    EmailChangeService,
    ActivationExpiryJob,
    CustomerJwtStrategy,
    CustomerAuthGuard,
  ],
  exports: [
    CompanyAccountsService,
    PasswordHasher,
    StaffAuthService,
    StaffTwoFactorService,
    AccountsService,
    AccessTokens,
    CustomerAuthGuard,
    ActivationExpiryJob,
    // The customer portal's pages call these, as the API's controllers do.
    RegistrationService,
    ActivationService,
    LoginService,
    PasswordCareService,
    EmailChangeService,
    SignInLinkService,
  ],
})
export class AuthModule {}
