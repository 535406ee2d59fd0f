import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BilingualTextDto } from '../../../shipping/dto/shipping-option.dto';

export class NoticeDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({
    description: 'The notice in the language asked for (Accept-Language: en, else Chinese).',
    example: '发票暂停开具，预计 2026-12-10 恢复。',
  })
  message: string;

  @ApiProperty({ type: BilingualTextDto, description: 'The notice in both languages.' })
  messages: BilingualTextDto;

  @ApiProperty({ format: 'date-time' })
  startsAt: string;

  @ApiPropertyOptional({
    format: 'date-time',
    nullable: true,
    description: 'Absent while open-ended.',
  })
  endsAt?: string | null;

  @ApiProperty({ example: '2026-12-10', description: 'YYYY-MM-DD (Asia/Shanghai).' })
  expectedIssueDate: string;
}
