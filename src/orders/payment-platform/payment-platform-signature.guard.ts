import { CanActivate, ExecutionContext, HttpStatus, Injectable, Logger } from '@nestjs/common';
import type { Request } from 'express';
import { Clock } from '../../common/time/clock';
import { AppConfig } from '../../config/app-config';
import { OrdersErrorCode, OrdersException } from '../orders.exception';
import { SIGNATURE_TOLERANCE_SECONDS, verifySignature } from './webhook-signature';

export const SIGNATURE_HEADER = 'x-signature';

const DETAILS = {
  missing: 'The X-Signature header is missing.',
  malformed: 'The X-Signature header must look like "t=<unix seconds>,v1=<hex HMAC-SHA256>".',
  stale: `The X-Signature timestamp is more than ${SIGNATURE_TOLERANCE_SECONDS / 60} minutes away from our clock; sign the push again.`,
  mismatch: 'The X-Signature does not match the request body.',
} as const;

/**
 * Lets through only pushes signed by the payment platform. Guards run before the validation
 * pipe, so an unsigned or tampered push is a 401 whatever its body looks like. The bytes signed
 * are the raw body kept by the JSON parser (`req.rawBody`), not a re-serialisation.
 */
@Injectable()
export class PaymentPlatformSignatureGuard implements CanActivate {
  private readonly logger = new Logger(PaymentPlatformSignatureGuard.name);

  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request & { rawBody?: Buffer }>();
    const verdict = verifySignature(
      request.header(SIGNATURE_HEADER),
      request.rawBody ?? Buffer.alloc(0),
      this.config.paymentWebhookSecret,
      this.clock.now(),
    );
    if (verdict.valid) return true;
    this.logger.warn(
      `Refused a payment platform push to ${request.path}: signature ${verdict.reason}`,
    );
    throw new OrdersException(
      HttpStatus.UNAUTHORIZED,
      OrdersErrorCode.INVALID_SIGNATURE,
      DETAILS[verdict.reason],
    );
  }
}
