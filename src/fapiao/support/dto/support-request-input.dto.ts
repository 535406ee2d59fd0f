import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
  ArrayMaxSize,
} from 'class-validator';
import { MultiLine } from '../../../common/http/text-input';
import { TitleInputDto } from '../../applications/dto/application-input.dto';
import { SUPPORT_REQUEST_TYPES, SupportRequestType } from '../support-request-status';

export class SplitLineInputDto {
  @ApiProperty({ type: TitleInputDto })
  @IsObject()
  @ValidateNested()
  @Type(() => TitleInputDto)
  title: TitleInputDto;

  @ApiProperty({ description: 'Amount of this fapiao including tax, in fen (positive).' })
  @IsInt()
  amountFen: number;
}

export class CreateSupportRequestDto {
  @ApiProperty({ enum: SUPPORT_REQUEST_TYPES })
  @IsIn(SUPPORT_REQUEST_TYPES)
  type: SupportRequestType;

  @ApiProperty({ maxLength: 64, example: 'SO-20260301-0001' })
  @IsString()
  @MaxLength(64)
  orderNumber: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      "The bill's fapiao application; defaults to the one that holds the bill. Required in effect " +
      'for split, retitle and not_received.',
  })
  @IsOptional()
  @IsUUID()
  applicationId?: string;

  @ApiPropertyOptional({
    type: [SplitLineInputDto],
    description: 'Split: at least two lines whose amounts add up exactly to the bill.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => SplitLineInputDto)
  lines?: SplitLineInputDto[];

  @ApiPropertyOptional({ type: TitleInputDto, description: 'Retitle: the new title.' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => TitleInputDto)
  newTitle?: TitleInputDto;

  @ApiPropertyOptional({ maxLength: 2000, description: 'What the customer tells support.' })
  @IsOptional()
  @IsString()
  @MultiLine()
  @MaxLength(2000)
  message?: string;
}
