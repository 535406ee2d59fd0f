import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TitleDto } from '../../applications/dto/application.dto';
import { RedLetterFormDto } from '../../red-letter/dto/red-letter-form.dto';
import {
  SUPPORT_REQUEST_STATUSES,
  SUPPORT_REQUEST_TYPES,
  SupportRequestStatus,
  SupportRequestType,
} from '../support-request-status';

export class SplitLineDto {
  @ApiProperty({ type: TitleDto })
  title: TitleDto;
  @ApiProperty()
  amountFen: number;
}

export class SupportHistoryEntryDto {
  @ApiProperty({ enum: SUPPORT_REQUEST_STATUSES, nullable: true })
  from: SupportRequestStatus | null;
  @ApiProperty({ enum: SUPPORT_REQUEST_STATUSES })
  to: SupportRequestStatus;
  @ApiProperty({ enum: ['status', 'reply'] })
  kind: 'status' | 'reply';
  @ApiProperty({ format: 'date-time' })
  at: string;
  @ApiPropertyOptional({ description: 'A staff reply or the note of the step.' })
  message?: string;
}

export class SupportRequestDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ example: 'SR000042' })
  requestNumber: string;
  @ApiProperty({ enum: SUPPORT_REQUEST_TYPES })
  type: SupportRequestType;
  @ApiProperty({ enum: SUPPORT_REQUEST_STATUSES })
  status: SupportRequestStatus;
  @ApiProperty()
  orderNumber: string;
  @ApiProperty()
  billAmountFen: number;
  @ApiPropertyOptional({ format: 'uuid' })
  applicationId?: string;
  @ApiPropertyOptional({ type: [SplitLineDto] })
  lines?: SplitLineDto[];
  @ApiPropertyOptional({ type: TitleDto })
  newTitle?: TitleDto;
  @ApiProperty()
  message: string;
  @ApiPropertyOptional({
    example: '2026-11-30',
    description: 'When the original fapiao came back.',
  })
  returnedAt?: string;
  @ApiPropertyOptional()
  resolution?: string;
  @ApiPropertyOptional({ description: "The application's carrier (not_received)." })
  carrier?: string;
  @ApiPropertyOptional({ description: "The application's tracking number (not_received)." })
  trackingNumber?: string;
  @ApiProperty({ type: [SupportHistoryEntryDto] })
  history: SupportHistoryEntryDto[];
  @ApiProperty({ type: [SupportHistoryEntryDto], description: 'Staff replies only.' })
  replies: SupportHistoryEntryDto[];
  @ApiProperty({
    type: [RedLetterFormDto],
    description: 'Red-letter confirmation forms raised to reverse a digital fapiao, oldest first.',
  })
  redLetterForms: RedLetterFormDto[];
  @ApiProperty({ format: 'date-time' })
  createdAt: string;
  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
}

export class SupportRequestListDto {
  @ApiProperty({ type: [SupportRequestDto] })
  items: SupportRequestDto[];
}
