import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ValidationFailedException } from '../../common/errors/problem.exception';
import { FapiaoException } from '../fapiao.exception';
import { FIRST_CALENDAR_YEAR, LAST_CALENDAR_YEAR } from './calendar-day-kind';
import { CalendarYearDto } from './dto/calendar-year.dto';
import { WorkingDaysService } from './working-days.service';

@ApiTags('calendar')
@Controller('api/v1/calendar')
export class CalendarController {
  constructor(private readonly workingDays: WorkingDaysService) {}

  @Get(':year')
  @ApiOperation({
    summary: "A year's holidays and adjusted working days",
    description:
      'The working-day calendar due dates are counted on (two working days after submission). ' +
      'No login needed.',
  })
  @ApiParam({ name: 'year', example: 2027 })
  @ApiOkResponse({ type: CalendarYearDto })
  async year(@Param('year') year: string): Promise<CalendarYearDto> {
    if (!/^\d{4}$/.test(year)) {
      throw new ValidationFailedException([
        { field: 'year', message: 'year must be a four-digit year, e.g. 2027' },
      ]);
    }
    const number = Number(year);
    if (number < FIRST_CALENDAR_YEAR || number > LAST_CALENDAR_YEAR) {
      throw FapiaoException.calendarYearOutOfRange(year, FIRST_CALENDAR_YEAR, LAST_CALENDAR_YEAR);
    }
    return this.workingDays.year(number);
  }
}
