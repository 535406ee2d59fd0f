import { Controller, Get, HttpStatus, Query, Res, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Throttle, ThrottlerGuard } from '@nestjs/throttler';
import type { Response } from 'express';
import { ProblemException } from '../../common/errors/problem.exception';
import { AuthErrorCode } from '../auth.exception';
import { ActivationService } from './activation.service';
import { ActivationOutcome, renderActivationPage } from './activation-page.html';
import { perIp } from './rate-limits';

const OUTCOMES: Partial<Record<string, ActivationOutcome>> = {
  [AuthErrorCode.TOKEN_EXPIRED]: 'expired',
  [AuthErrorCode.TOKEN_ALREADY_USED]: 'used',
  [AuthErrorCode.TOKEN_SUPERSEDED]: 'superseded',
  [AuthErrorCode.REGISTRATION_CLOSED]: 'closed',
};

const STATUS: Record<ActivationOutcome, number> = {
  activated: HttpStatus.OK,
  expired: HttpStatus.GONE,
  used: HttpStatus.GONE,
  superseded: HttpStatus.GONE,
  closed: HttpStatus.GONE,
  invalid: HttpStatus.BAD_REQUEST,
};

const HTML_PAGE = { 'text/html': { schema: { type: 'string' } } };

/** The page the activation email links to: activates, and says so in the account's language. */
@ApiTags('pages')
@Controller('activate')
@UseGuards(ThrottlerGuard)
export class ActivationPageController {
  constructor(private readonly activation: ActivationService) {}

  @Get()
  @Throttle(perIp.tokenUse)
  @ApiOperation({
    summary: 'Activation link target (HTML)',
    description:
      'Activates the account and shows the outcome; the API form is POST /api/v1/auth/activate.',
  })
  @ApiProduces('text/html')
  @ApiQuery({ name: 'token', required: true, description: 'The token from the activation email.' })
  @ApiResponse({ status: 200, description: 'Activated.', content: HTML_PAGE })
  @ApiResponse({
    status: 410,
    content: HTML_PAGE,
    description:
      'Expired, used or replaced link, or a registration closed by another of the same order (the page says which).',
  })
  @ApiResponse({ status: 400, description: 'Not a valid link.', content: HTML_PAGE })
  async activate(@Query('token') token: unknown, @Res() res: Response): Promise<void> {
    const outcome = await this.outcomeOf(token);
    const locale =
      typeof token === 'string' ? await this.activation.localeOfToken(token) : undefined;
    res
      .status(STATUS[outcome])
      .set({ 'Cache-Control': 'no-store', 'Content-Type': 'text/html; charset=utf-8' })
      .send(renderActivationPage(outcome, locale));
  }

  private async outcomeOf(token: unknown): Promise<ActivationOutcome> {
    if (typeof token !== 'string' || token.length === 0 || token.length > 128) return 'invalid';
    try {
      await this.activation.activate(token);
      return 'activated';
    } catch (error) {
      if (error instanceof ProblemException) return OUTCOMES[error.code] ?? 'invalid';
      throw error;
    }
  }
}
