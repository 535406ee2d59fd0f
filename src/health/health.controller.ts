import { Controller, Get, HttpStatus, Optional, ServiceUnavailableException } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckResult,
  HealthCheckService,
  HealthIndicatorFunction,
  HealthIndicatorResult,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { BackOfficeStatus } from '../admin/back-office-status';
import { CommonErrorCode, ProblemException } from '../common/errors/problem.exception';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    /** Present only when the back office is enabled. */
    @Optional() private readonly backOffice?: BackOfficeStatus,
  ) {}

  @Get()
  @HealthCheck()
  @ApiOperation({
    summary: 'Readiness: the service and its database',
    description:
      '200 while the app can reach PostgreSQL; 503 (with the failing check) otherwise. For load balancers.',
  })
  @ApiOkResponse({ description: 'Ready' })
  @ApiServiceUnavailableResponse({ description: 'A dependency is down' })
  async check(): Promise<HealthCheckResult> {
    try {
      return await this.health.check([
        () => this.database.pingCheck('database', { timeout: 2000 }),
        ...this.backOfficeDetail(),
      ]);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      const checks = error.getResponse() as HealthCheckResult;
      const down = Object.keys(checks.error ?? {});
      throw new ProblemException(
        HttpStatus.SERVICE_UNAVAILABLE,
        CommonErrorCode.SERVICE_UNAVAILABLE,
        `Not ready: ${down.join(', ') || 'a dependency'} is down.`,
        { extensions: { checks: checks.details } },
      );
    }
  }

  /**
   * The back office's state (`starting`, `ready`, `failed`) as a detail, always `up`: /health is
   * the API's readiness, which does not depend on the back office (it loads after start-up).
   */
  private backOfficeDetail(): HealthIndicatorFunction[] {
    const backOffice = this.backOffice;
    if (!backOffice) return [];
    return [
      (): HealthIndicatorResult => ({ backOffice: { status: 'up', state: backOffice.state } }),
    ];
  }

  @Get('live')
  @ApiOperation({
    summary: 'Liveness: the process answers (no dependencies checked)',
    description:
      '200 as long as the process serves HTTP; says nothing about the database. For restarts by an orchestrator.',
  })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }
}
