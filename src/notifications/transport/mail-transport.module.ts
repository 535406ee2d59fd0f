import { Module } from '@nestjs/common';
import { MailerModule } from '@nestjs-modules/mailer';
import { AppConfig } from '../../config/app-config';
import { MailTransport } from './mail-transport';
import { smtpTransportOptions } from './smtp-transport-options';

@Module({
  providers: [{ provide: MailTransport, inject: [AppConfig], useFactory: MailTransport.resolve }],
  exports: [MailTransport],
})
class MailTransportEndpointModule {}

/** The mailer (`@nestjs-modules/mailer` over nodemailer SMTP) wired to the resolved transport. */
@Module({
  imports: [
    MailTransportEndpointModule,
    MailerModule.forRootAsync({
      imports: [MailTransportEndpointModule],
      inject: [AppConfig, MailTransport],
      useFactory: (config: AppConfig, transport: MailTransport) => ({
        transport: smtpTransportOptions(transport.url),
        defaults: { from: config.mailFrom },
      }),
    }),
  ],
  exports: [MailTransportEndpointModule, MailerModule],
})
export class MailTransportModule {}
