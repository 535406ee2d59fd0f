import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  RED_LETTER_REASON_CODES,
  RED_LETTER_STATUSES,
  type RedLetterReason,
  type RedLetterStatus,
} from '../red-letter-status';

export class RedLetterHistoryEntryDto {
  @ApiProperty({ enum: RED_LETTER_STATUSES, nullable: true, description: 'Status before.' })
  from: RedLetterStatus | null;
  @ApiProperty({ enum: RED_LETTER_STATUSES, description: 'Status after (same: a note).' })
  to: RedLetterStatus;
  @ApiProperty({ format: 'date-time', description: 'When (ISO-8601 instant).' })
  at: string;
  @ApiPropertyOptional({ description: 'What happened, in the customer’s language.' })
  message?: string;
}

/** A red-letter confirmation form (红字发票信息确认单) as the customer reads it. */
export class RedLetterFormDto {
  @ApiProperty({ format: 'uuid', description: 'The form’s id.' })
  id: string;
  @ApiProperty({
    enum: RED_LETTER_STATUSES,
    description:
      '`waiting_for_buyer`: the buyer must confirm it on its e-tax platform before `deadlineAt`; ' +
      '`confirmed`: the red-letter fapiao follows; `lapsed`: not confirmed within 72 hours; ' +
      '`void`: withdrawn by staff.',
  })
  status: RedLetterStatus;
  @ApiProperty({
    enum: RED_LETTER_REASON_CODES,
    description:
      'Reason code: 01 wrong issue, 02 returned goods, 03 service stopped, 04 sales discount.',
  })
  reasonCode: RedLetterReason;
  @ApiProperty({ description: 'Amount reversed, tax included, in fen (at most the original).' })
  amountFen: number;
  @ApiProperty({ example: '26312000000000000001', description: 'The original fapiao’s number.' })
  originalNumber: string;
  @ApiProperty({ description: 'Whether the buyer must confirm the form on its e-tax platform.' })
  needsBuyerConfirmation: boolean;
  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Confirmation deadline (ISO-8601 instant, 72 hours after the form was raised).',
  })
  deadlineAt?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'When the form was confirmed.' })
  confirmedAt?: string;
  @ApiPropertyOptional({ description: 'The red-letter fapiao’s number, once issued.' })
  redNumber?: string;
  @ApiProperty({ format: 'date-time', description: 'When the form was raised.' })
  createdAt: string;
  @ApiProperty({ type: [RedLetterHistoryEntryDto], description: 'Every change, oldest first.' })
  history: RedLetterHistoryEntryDto[];
}
