import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CALENDAR_DAY_KINDS, CALENDAR_YEAR_STATUSES } from '../calendar-day-kind';
import type { CalendarDayKind, CalendarYearStatus } from '../calendar-day-kind';

export class CalendarDayDto {
  @ApiProperty({ example: '2027-02-05', description: 'YYYY-MM-DD (Asia/Shanghai).' })
  date: string;

  @ApiProperty({
    enum: CALENDAR_DAY_KINDS,
    description: '`holiday`: no work; `working_day`: an adjusted working day (调休) on a weekend.',
  })
  kind: CalendarDayKind;

  @ApiProperty({ example: '春节' })
  name: string;
}

export class CalendarYearDto {
  @ApiProperty({ example: 2027 })
  year: number;

  @ApiProperty({
    enum: CALENDAR_YEAR_STATUSES,
    description:
      "`official`: the State Council's arrangement is published. `provisional`: the statutory " +
      'holidays and their substitute days off, computed; adjusted working days are not known yet.',
  })
  status: CalendarYearStatus;

  @ApiPropertyOptional({
    description: 'The title or number of the notice an official year follows.',
  })
  notice?: string;

  @ApiProperty({
    type: [CalendarDayDto],
    description: 'The special dates in date order; every other date works Monday to Friday.',
  })
  days: CalendarDayDto[];
}
