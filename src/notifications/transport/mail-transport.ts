import { Logger, OnApplicationShutdown } from '@nestjs/common';
import { join } from 'node:path';
import { AppConfig } from '../../config/app-config';
import { LocalMailSink } from './local-mail-sink';

/** Where mail goes: SMTP_URL, or the local sink started for this process. */
export class MailTransport implements OnApplicationShutdown {
  private constructor(
    readonly url: string,
    private readonly sink?: LocalMailSink,
    readonly sinkDirectory?: string,
  ) {}

  static async resolve(config: AppConfig): Promise<MailTransport> {
    if (config.smtpUrl) return new MailTransport(config.smtpUrl);
    const logger = new Logger('LocalMailSink');
    const directory = join(config.dataDir, 'mail');
    const sink = new LocalMailSink({ directory, log: (message) => logger.log(message) });
    const url = await sink.start();
    return new MailTransport(url, sink, directory);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.sink?.stop();
  }
}
