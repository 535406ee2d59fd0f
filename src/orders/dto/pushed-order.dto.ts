import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { Locale, LOCALES } from '../../common/locale';
import { IsInstant } from './is-instant';

/** 100 billion yuan: far above any real order, and item sums stay exact in JS numbers. */
export const MAX_AMOUNT_FEN = 10_000_000_000_000;
export const MAX_ORDER_ITEMS = 100;

export const ORDER_NUMBER_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
export const ORDER_NUMBER_MESSAGE =
  'orderNumber must be 1–64 letters, digits, "-" or "_", starting with a letter or digit';

export class PushedCustomerDto {
  @ApiProperty({ description: "The payment platform's id for the customer.", maxLength: 64 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  externalId: string;

  @ApiProperty({ maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;
}

export class PushedOrderItemDto {
  @ApiProperty({ maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  description: string;

  @ApiProperty({ description: 'Integer fen (分), positive.', minimum: 1, maximum: MAX_AMOUNT_FEN })
  @IsInt()
  @Min(1)
  @Max(MAX_AMOUNT_FEN)
  amountFen: number;
}

/** The body of `POST /api/v1/integrations/payment-platform/orders`. */
export class PushedOrderDto {
  @ApiProperty({ example: 'SO-20260301-0001', maxLength: 64, pattern: ORDER_NUMBER_PATTERN.source })
  @IsString()
  @Matches(ORDER_NUMBER_PATTERN, { message: ORDER_NUMBER_MESSAGE })
  @MaxLength(64)
  orderNumber: string;

  @ApiProperty({ type: PushedCustomerDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => PushedCustomerDto)
  customer: PushedCustomerDto;

  @ApiProperty({ description: 'Receives the order confirmation mail.', maxLength: 254 })
  @IsString()
  @IsEmail({}, { message: 'contactEmail must be an email address' })
  @MaxLength(254)
  contactEmail: string;

  @ApiProperty({ description: 'Integer fen (分); the items must add up to it.', minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(MAX_AMOUNT_FEN)
  amountFen: number;

  @ApiProperty({ enum: ['CNY'] })
  @IsIn(['CNY'], { message: 'currency must be CNY' })
  currency: 'CNY';

  @ApiProperty({ type: [PushedOrderItemDto], minItems: 1, maxItems: MAX_ORDER_ITEMS })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ORDER_ITEMS)
  @ValidateNested({ each: true })
  @Type(() => PushedOrderItemDto)
  items: PushedOrderItemDto[];

  @ApiProperty({
    description: 'ISO-8601 instant with a time zone.',
    example: '2026-03-01T10:15:00+08:00',
  })
  @IsInstant()
  orderedAt: string;

  @ApiPropertyOptional({ enum: LOCALES, default: 'zh-CN', description: 'Language of the mails.' })
  @IsOptional()
  @IsIn(LOCALES)
  locale?: Locale;
}

export class PushAcknowledgementDto {
  @ApiProperty()
  orderNumber: string;

  @ApiPropertyOptional()
  paymentReference?: string;

  @ApiProperty({
    description: 'False when the same body had been pushed before (nothing changed).',
  })
  created: boolean;
}
