import {
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
  OnModuleInit,
} from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { AppConfig } from '../../config/app-config';
import { DatabaseNotifications } from '../../database/database-notifications';
import { MailDispatcher } from '../mail-dispatcher';
import { MAIL_OUTBOX_CHANNEL } from '../outbox-channel';

const TICK_MS = 5_000;

/**
 * Runs the dispatcher every few seconds and when mails are committed (OutboxWakeUp, LISTEN/NOTIFY).
 * Both are active only when `config.jobsEnabled` (the scheduler is off in tests, which call
 * `MailDispatcher.dispatchDue()` directly). Within one process runs never overlap: a trigger
 * during a run asks for one more run afterwards.
 */
@Injectable()
export class MailDispatchJob implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(MailDispatchJob.name);
  private running?: Promise<void>;
  private runAgain = false;
  private stopped = false;

  constructor(
    private readonly dispatcher: MailDispatcher,
    private readonly config: AppConfig,
    private readonly notifications: DatabaseNotifications,
  ) {}

  onModuleInit(): void {
    // If the listener is down, the interval tick still delivers everything meanwhile.
    if (this.config.jobsEnabled) {
      this.notifications.subscribe(MAIL_OUTBOX_CHANNEL, { onNotification: () => this.trigger() });
    }
  }

  onApplicationBootstrap(): void {
    if (this.config.jobsEnabled) this.trigger();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    await this.running;
  }

  @Interval('mail-dispatch', TICK_MS)
  tick(): void {
    this.trigger();
  }

  /** Starts a run now, or one more right after the current one. */
  trigger(): void {
    if (this.stopped) return;
    if (this.running) {
      this.runAgain = true;
      return;
    }
    this.running = this.runUntilQuiet().finally(() => {
      this.running = undefined;
    });
  }

  private async runUntilQuiet(): Promise<void> {
    do {
      this.runAgain = false;
      try {
        const { sent, retried, failed } = await this.dispatcher.dispatchDue();
        if (sent + retried + failed > 0) {
          this.logger.log(`Mail outbox: ${sent} sent, ${retried} to retry, ${failed} failed`);
        }
      } catch (error) {
        this.logger.warn(`Mail dispatch failed: ${(error as Error).message}`);
      }
    } while (this.runAgain && !this.stopped);
  }
}
