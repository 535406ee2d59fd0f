import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { MAX_AMOUNT_FEN, ORDER_NUMBER_MESSAGE, ORDER_NUMBER_PATTERN } from './pushed-order.dto';
import { IsInstant } from './is-instant';

/** The body of `POST /api/v1/integrations/payment-platform/payments`. */
export class PushedPaymentDto {
  @ApiProperty({ maxLength: 64, pattern: ORDER_NUMBER_PATTERN.source })
  @IsString()
  @Matches(ORDER_NUMBER_PATTERN, { message: ORDER_NUMBER_MESSAGE })
  @MaxLength(64)
  orderNumber: string;

  @ApiProperty({ maxLength: 64 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  paymentReference: string;

  @ApiProperty({
    maxLength: 200,
    description: 'A purchase certificate or refund needs a fapiao titled exactly so.',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  payerName: string;

  @ApiProperty({ description: "Integer fen (分); must equal the order's amount.", minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(MAX_AMOUNT_FEN)
  amountFen: number;

  @ApiProperty({ example: '2026-03-01T10:20:00+08:00' })
  @IsInstant()
  paidAt: string;
}
