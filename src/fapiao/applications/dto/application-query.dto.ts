import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { APPLICATION_STATUSES, ApplicationStatus } from '../application-status';

export const MAX_APPLICATION_PAGE_SIZE = 100;

export class ApplicationsQueryDto {
  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  page: number = 1;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_APPLICATION_PAGE_SIZE, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_APPLICATION_PAGE_SIZE)
  pageSize: number = 20;

  @ApiPropertyOptional({
    enum: APPLICATION_STATUSES,
    description: 'Only applications in this status.',
  })
  @IsOptional()
  @IsIn(APPLICATION_STATUSES)
  status?: ApplicationStatus;
}
