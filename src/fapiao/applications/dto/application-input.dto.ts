import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsNotEmptyObject,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { MultiLine } from '../../../common/http/text-input';
import { SHIPPING_METHODS, ShippingMethod } from '../../../shipping/shipping-method';
import {
  APPLICATION_PURPOSES,
  ApplicationPurpose,
  FAPIAO_TYPES,
  FapiaoType,
} from '../../titles/fapiao-title';

/*
 * Shapes and types only: the rules that depend on the fapiao type and the shipping method
 * (titles/title-rules.ts, shipping/shipping-rules.ts) answer 422 with every failing field.
 * Length limits here are generous on purpose so those rules, not a length check, explain a
 * wrong taxpayer ID or postal code.
 */

export class TitleInputDto {
  @ApiProperty({ maxLength: 200, example: '上海示例贸易有限公司' })
  @IsString()
  @MaxLength(200)
  buyerName: string;

  @ApiPropertyOptional({
    maxLength: 20,
    example: '91350100M000100Y43',
    description:
      'Normalised first (full-width to half-width, spaces removed, upper case). 18 characters: ' +
      'a unified social credit code (GB 32100-2015 check character verified) or, for `normal` ' +
      'only, a resident ID number (MOD 11-2 check); 15, 17 or 20 characters: digits and capital ' +
      'letters. Required for `special`.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  taxId?: string | null;

  @ApiPropertyOptional({
    maxLength: 300,
    description: 'Registered address. Optional; printed only when given.',
  })
  @IsOptional()
  @IsString()
  @MultiLine()
  @MaxLength(300)
  address?: string | null;

  @ApiPropertyOptional({
    maxLength: 40,
    example: '021-28986102',
    description: 'Registered phone. Optional; printed only when given.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  phone?: string | null;

  @ApiPropertyOptional({ maxLength: 200, description: 'Optional; printed only when given.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  bankName?: string | null;

  @ApiPropertyOptional({ maxLength: 40, description: 'Optional; printed only when given.' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  bankAccount?: string | null;
}

export class ShippingInputDto {
  @ApiProperty({
    enum: SHIPPING_METHODS,
    description:
      '`email`: the digital fapiao is sent to `deliveryEmails`. Paper on request: `yunda`, ' +
      '`sf_freight_collect` (mailed) or `pickup` at the Shanghai branch.',
  })
  @IsIn(SHIPPING_METHODS)
  method: ShippingMethod;

  @ApiPropertyOptional({
    type: [String],
    maxItems: 5,
    example: ['finance@example.com'],
    description: "`email` only: one to five addresses; without any, the signed-in account's email.",
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(254, { each: true })
  deliveryEmails?: string[] | null;

  @ApiPropertyOptional({ maxLength: 100, description: 'Recipient, or the person who picks up.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  recipient?: string | null;

  @ApiPropertyOptional({
    maxLength: 40,
    example: '13812345678',
    description:
      'Mailing: a mainland mobile number (1[3-9] and 9 digits). Pick-up: mobile or landline.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  phone?: string | null;

  @ApiPropertyOptional({ maxLength: 50, description: 'Mailing only.' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  province?: string | null;

  @ApiPropertyOptional({ maxLength: 50, description: 'Mailing only.' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  city?: string | null;

  @ApiPropertyOptional({ maxLength: 50, description: 'Mailing only.' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  district?: string | null;

  @ApiPropertyOptional({ maxLength: 300, description: 'Street address. Mailing only.' })
  @IsOptional()
  @IsString()
  @MultiLine()
  @MaxLength(300)
  address?: string | null;

  @ApiPropertyOptional({ example: '201203', description: '6 digits. Mailing only.' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  postalCode?: string | null;
}

export class CreateApplicationDto {
  @ApiProperty({ maxLength: 64, example: 'SO-20260301-0001' })
  @IsString()
  @MaxLength(64)
  orderNumber: string;

  @ApiProperty({
    enum: FAPIAO_TYPES,
    description: '`normal` (增值税普通发票) or `special` (增值税专用发票).',
  })
  @IsIn(FAPIAO_TYPES)
  type: FapiaoType;

  @ApiProperty({ type: TitleInputDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => TitleInputDto)
  title: TitleInputDto;

  @ApiPropertyOptional({
    type: ShippingInputDto,
    description:
      "Leave it out for the default: `email` to the signed-in account's address. Paper on request.",
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ShippingInputDto)
  shipping?: ShippingInputDto;

  @ApiPropertyOptional({
    enum: APPLICATION_PURPOSES,
    default: 'none',
    description: 'For a purchase certificate or a refund the title must be the payer of the bill.',
  })
  @IsOptional()
  @IsIn(APPLICATION_PURPOSES)
  purpose?: ApplicationPurpose;
}

/** The optimistic-concurrency check of every change a customer makes to an application. */
export class ApplicationActionDto {
  @ApiPropertyOptional({
    minimum: 1,
    description: 'The version you read; a different current version answers 409 VERSION_CONFLICT.',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

/** Edits of a draft. `title` and `shipping` replace the whole part. */
export class UpdateApplicationDto extends ApplicationActionDto {
  @ApiPropertyOptional({ enum: FAPIAO_TYPES })
  @IsOptional()
  @IsIn(FAPIAO_TYPES)
  type?: FapiaoType;

  @ApiPropertyOptional({ type: TitleInputDto })
  @IsOptional()
  @IsObject()
  @IsNotEmptyObject()
  @ValidateNested()
  @Type(() => TitleInputDto)
  title?: TitleInputDto;

  @ApiPropertyOptional({ type: ShippingInputDto })
  @IsOptional()
  @IsObject()
  @IsNotEmptyObject()
  @ValidateNested()
  @Type(() => ShippingInputDto)
  shipping?: ShippingInputDto;

  @ApiPropertyOptional({ enum: APPLICATION_PURPOSES })
  @IsOptional()
  @IsIn(APPLICATION_PURPOSES)
  purpose?: ApplicationPurpose;
}
