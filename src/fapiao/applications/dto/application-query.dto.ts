import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQueryDto } from '../../../common/http/page-query.dto';
import { APPLICATION_STATUSES, ApplicationStatus } from '../application-status';

export class ApplicationsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    enum: APPLICATION_STATUSES,
    description: 'Only applications in this status.',
  })
  @IsOptional()
  @IsIn(APPLICATION_STATUSES)
  status?: ApplicationStatus;
}
