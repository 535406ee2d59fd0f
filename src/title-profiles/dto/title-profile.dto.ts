import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsDefined,
  IsIn,
  IsNotEmptyObject,
  IsObject,
  IsOptional,
  ValidateNested,
} from 'class-validator';
import { TitleInputDto } from '../../fapiao/applications/dto/application-input.dto';
import { TitleDto } from '../../fapiao/applications/dto/application.dto';
import { TITLE_PROFILE_KINDS, TitleProfileKind } from '../title-profile-kind';

export class CreateTitleProfileDto {
  @ApiProperty({
    enum: TITLE_PROFILE_KINDS,
    description:
      '`company` (an organisation; a special fapiao needs its taxpayer ID) or `individual` ' +
      '(a natural person: normal fapiao only, taxpayer ID optional).',
  })
  @IsIn(TITLE_PROFILE_KINDS)
  kind: TitleProfileKind;

  @ApiProperty({ type: TitleInputDto, description: 'Checked by the same rules as an application.' })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => TitleInputDto)
  title: TitleInputDto;

  @ApiPropertyOptional({
    description:
      'Make it the default (prefilled when applying). The first saved title is the default.',
  })
  @IsOptional()
  @IsBoolean()
  isDefault?: boolean;
}

/** `title` replaces the whole title; `isDefault: true` makes this the default. */
export class UpdateTitleProfileDto {
  @ApiPropertyOptional({ enum: TITLE_PROFILE_KINDS })
  @IsOptional()
  @IsIn(TITLE_PROFILE_KINDS)
  kind?: TitleProfileKind;

  @ApiPropertyOptional({ type: TitleInputDto })
  @IsOptional()
  @IsObject()
  @IsNotEmptyObject()
  @ValidateNested()
  @Type(() => TitleInputDto)
  title?: TitleInputDto;

  @ApiPropertyOptional({
    description: '`true` makes it the default; `false` leaves the customer without one.',
  })
  @IsOptional()
  @IsBoolean()
  isDefault?: boolean;
}

export class TitleProfileDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: TITLE_PROFILE_KINDS })
  kind: TitleProfileKind;

  @ApiProperty({ type: TitleDto })
  title: TitleDto;

  @ApiProperty()
  isDefault: boolean;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
}

export class TitleProfileListDto {
  @ApiProperty({ type: [TitleProfileDto], description: 'The default first, then the newest.' })
  items: TitleProfileDto[];
}
