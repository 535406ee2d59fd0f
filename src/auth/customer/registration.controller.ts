import { Body, Controller, HttpCode, HttpStatus, Post, UseGuards } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Throttle, ThrottlerGuard } from '@nestjs/throttler';
import { RegisterRequest } from './dto/auth-requests.dto';
import { AcceptedResponse } from './dto/auth-responses.dto';
import { perIp } from './rate-limits';
import { RegistrationService } from './registration.service';

export const REGISTER_ACCEPTED =
  'Thank you. We sent an email to this address; open its link within 24 hours to activate the account.';

@ApiTags('auth')
@Controller('api/v1/auth')
@UseGuards(ThrottlerGuard)
export class RegistrationController {
  constructor(private readonly registration: RegistrationService) {}

  @Post('register')
  @HttpCode(HttpStatus.ACCEPTED)
  @Throttle(perIp.register)
  @ApiOperation({
    summary: 'Register with an order number',
    description:
      'Always the same 202 for a valid order number, whether or not the email already has an ' +
      'account (the mailbox is told which). Registering again while pending replaces the pending ' +
      'registration and sends a new link.',
  })
  @ApiAcceptedResponse({ type: AcceptedResponse })
  @ApiBadRequestResponse({ description: 'Malformed body (problem details listing the fields).' })
  @ApiUnprocessableEntityResponse({ description: 'ORDER_NOT_FOUND or PASSWORD_POLICY.' })
  @ApiTooManyRequestsResponse({ description: 'Too many registrations from this address.' })
  async register(@Body() body: RegisterRequest): Promise<AcceptedResponse> {
    await this.registration.register(body);
    return { message: REGISTER_ACCEPTED };
  }
}
