import { Body, Controller, HttpStatus, Post, Res, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { PushAcknowledgementDto, PushedOrderDto } from '../dto/pushed-order.dto';
import { PushedPaymentDto } from '../dto/pushed-payment.dto';
import { OrdersService } from '../orders.service';
import { PaymentRecordsService } from '../payment-records.service';
import { PaymentPlatformSignatureGuard } from './payment-platform-signature.guard';

const SIGNATURE_DOC = {
  name: 'X-Signature',
  required: true,
  description:
    't=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" with PAYMENT_WEBHOOK_SECRET>. ' +
    'Refused when more than 5 minutes off.',
};

/** Pushes from the payment platform (a third party): HMAC-signed, idempotent. */
@ApiTags('payment platform')
@ApiHeader(SIGNATURE_DOC)
@ApiUnauthorizedResponse({ description: 'Missing, wrong or stale signature (INVALID_SIGNATURE).' })
@ApiBadRequestResponse({ description: 'Malformed body; `errors` names the fields.' })
@UseGuards(PaymentPlatformSignatureGuard)
@Controller('api/v1/integrations/payment-platform')
export class PaymentPlatformController {
  constructor(
    private readonly orders: OrdersService,
    private readonly payments: PaymentRecordsService,
  ) {}

  @Post('orders')
  @ApiOperation({
    summary: 'A new order',
    description:
      'Stores the order and mails an order confirmation with the registration link to the contact email. ' +
      'The same body again is a no-op (200).',
  })
  @ApiCreatedResponse({ type: PushAcknowledgementDto, description: 'Stored.' })
  @ApiOkResponse({
    type: PushAcknowledgementDto,
    description: 'Already stored with the same body.',
  })
  @ApiConflictResponse({
    description: 'The order number exists with a different body (ORDER_NUMBER_CONFLICT).',
  })
  @ApiUnprocessableEntityResponse({
    description: 'The items do not add up to amountFen (ORDER_ITEMS_TOTAL_MISMATCH).',
  })
  async pushOrder(
    @Body() body: PushedOrderDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PushAcknowledgementDto> {
    const { created } = await this.orders.recordPushedOrder(body);
    response.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    return { orderNumber: body.orderNumber, created };
  }

  @Post('payments')
  @ApiOperation({
    summary: 'The payment record of an order',
    description:
      'Pushed about three days after the order; from then on the bill can be applied for. ' +
      'The same body again is a no-op (200).',
  })
  @ApiCreatedResponse({ type: PushAcknowledgementDto, description: 'Stored.' })
  @ApiOkResponse({
    type: PushAcknowledgementDto,
    description: 'Already stored with the same body.',
  })
  @ApiNotFoundResponse({ description: 'No such order yet (ORDER_NOT_FOUND); retry later.' })
  @ApiConflictResponse({
    description:
      'The payment reference exists with a different body (PAYMENT_REFERENCE_CONFLICT), or the order is already paid (ORDER_ALREADY_PAID).',
  })
  @ApiUnprocessableEntityResponse({
    description: "The amount is not the order's (PAYMENT_AMOUNT_MISMATCH).",
  })
  async pushPayment(
    @Body() body: PushedPaymentDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PushAcknowledgementDto> {
    const { created } = await this.payments.recordPushedPayment(body);
    response.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    return { orderNumber: body.orderNumber, paymentReference: body.paymentReference, created };
  }
}
