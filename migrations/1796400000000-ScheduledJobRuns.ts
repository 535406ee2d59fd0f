import { MigrationInterface, QueryRunner } from 'typeorm';

/** Each scheduled job's periods, claimed by one instance each (JobScheduler). */
export class ScheduledJobRuns1796400000000 implements MigrationInterface {
  name = 'ScheduledJobRuns1796400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "scheduled_job_runs" (
        "job_name" character varying(100) NOT NULL,
        "period_start" TIMESTAMP WITH TIME ZONE NOT NULL,
        "instance" character varying(200) NOT NULL,
        "started_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "finished_at" TIMESTAMP WITH TIME ZONE,
        "error" text,
        CONSTRAINT "PK_scheduled_job_runs" PRIMARY KEY ("job_name", "period_start")
      )`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "scheduled_job_runs"`);
  }
}
