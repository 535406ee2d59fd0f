import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob, CronTime } from 'cron';
import { hostname } from 'node:os';
import { AppConfig } from '../../config/app-config';
import { Clock } from '../time/clock';
import { ScheduledJob, ScheduledJobOptions } from './scheduled-job.decorator';
import { ScheduledJobRuns } from './scheduled-job-runs';

/** Catching up after a stall runs at most this many periods at once. */
const MAX_PERIODS_PER_TICK = 100;
const LATE_TICK_THRESHOLD_MS = 10 * 60_000;

interface DiscoveredJob extends ScheduledJobOptions {
  run: () => Promise<unknown>;
}

/**
 * Starts every `@ScheduledJob` method on its schedule (JOB_SCHEDULES may override it) through
 * @nestjs/schedule's registry. Every instance ticks; the one whose insert claims the tick's
 * period in `scheduled_job_runs` runs it, so with N instances each period runs once, and it
 * still runs while any instance is up.
 */
@Injectable()
export class JobScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(JobScheduler.name);
  /** Names this process in the runs it claims (several may share a host). */
  readonly instance = `${hostname()}:${process.pid}`;
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly registry: SchedulerRegistry,
    private readonly runs: ScheduledJobRuns,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const jobs = this.discoverJobs();
    const unknown = [...this.config.jobSchedules.keys()].filter(
      (name) => !jobs.some((job) => job.name === name),
    );
    if (unknown.length > 0) {
      throw new Error(
        `JOB_SCHEDULES names unknown jobs: ${unknown.join(', ')} (known: ${jobs.map((job) => job.name).join(', ')})`,
      );
    }
    for (const job of jobs) this.schedule(job);
  }

  async onApplicationShutdown(): Promise<void> {
    for (const job of this.registry.getCronJobs().values()) await job.stop();
    await Promise.allSettled([...this.running]);
  }

  /** Runs one period of a job if this instance claims it; false when another instance had it. */
  async runPeriod(job: DiscoveredJob, periodStart: Date): Promise<boolean> {
    const claimed = await this.runs.claimPeriod(
      job.name,
      periodStart,
      this.instance,
      this.clock.now(),
    );
    if (!claimed) return false;
    let failure: string | null = null;
    try {
      await job.run();
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
      this.logger.warn(`Job ${job.name} failed: ${failure}`);
    }
    await this.runs.recordFinished(job.name, periodStart, this.clock.now(), failure);
    await this.runs.forgetOldRuns(job.name, this.clock.now());
    return true;
  }

  private schedule(job: DiscoveredJob): void {
    const expression = this.config.jobSchedules.get(job.name) ?? job.cron;
    const timeZone = job.timeZone ?? 'UTC';
    const times = new CronTime(expression, timeZone);
    // Periods are scheduled times in real time (timers fire in real time, whatever the Clock
    // says). A tick runs every period due since the last one, so a late tick skips none.
    let nextPeriod = times.getNextDateFrom(new Date()).toJSDate();
    let queue: Promise<void> = Promise.resolve();
    const onTick = (): void => {
      const due: Date[] = [];
      const now = new Date();
      while (nextPeriod <= now && due.length < MAX_PERIODS_PER_TICK) {
        due.push(nextPeriod);
        nextPeriod = times.getNextDateFrom(nextPeriod).toJSDate();
      }
      if (nextPeriod <= now) {
        this.logger.warn(
          `Job ${job.name} fell behind; periods before ${now.toISOString()} skipped`,
        );
        nextPeriod = times.getNextDateFrom(now).toJSDate();
      }
      // One period after another in this instance, even when a run outlasts its period.
      queue = queue.then(() => this.runPeriods(job, due));
      this.track(queue);
    };
    const cronJob = CronJob.from({
      cronTime: expression,
      timeZone,
      onTick,
      // A tick the event loop delays still fires (late) instead of being dropped.
      threshold: LATE_TICK_THRESHOLD_MS,
    });
    this.registry.addCronJob(job.name, cronJob);
    cronJob.start();
  }

  private async runPeriods(job: DiscoveredJob, periods: Date[]): Promise<void> {
    for (const period of periods) {
      try {
        await this.runPeriod(job, period);
      } catch (error) {
        this.logger.warn(`Job ${job.name} could not claim its period: ${String(error)}`);
      }
    }
  }

  private track(work: Promise<void>): void {
    this.running.add(work);
    void work.finally(() => this.running.delete(work));
  }

  private discoverJobs(): DiscoveredJob[] {
    const jobs: DiscoveredJob[] = [];
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      for (const method of this.scanner.getAllMethodNames(Object.getPrototypeOf(instance))) {
        const options = this.discovery.getMetadataByDecorator(ScheduledJob, wrapper, method);
        if (!options) continue;
        const fn = instance[method] as () => Promise<unknown>;
        jobs.push({ ...options, run: () => fn.call(instance) });
      }
    }
    return jobs;
  }
}
