import { Controller, Get, Headers } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { NoticeDto } from './dto/notice.dto';
import { OutOfUseService } from './out-of-use.service';
import { localeFromAcceptLanguage } from './request-locale';

@ApiTags('notices')
@Controller('api/v1/notices')
export class NoticesController {
  constructor(private readonly outOfUse: OutOfUseService) {}

  @Get()
  @ApiOperation({
    summary: 'Current out-of-use notices',
    description:
      'While fapiao cannot be issued (e.g. the stock is used up) staff declare a period; this ' +
      'lists the active ones with the expected issue date. No login needed.',
  })
  @ApiHeader({
    name: 'Accept-Language',
    required: false,
    description: '`en` for English; Chinese otherwise.',
  })
  @ApiOkResponse({ type: [NoticeDto] })
  async list(@Headers('accept-language') acceptLanguage?: string): Promise<NoticeDto[]> {
    const notices = await this.outOfUse.currentNotices(localeFromAcceptLanguage(acceptLanguage));
    return notices.map((n) => ({
      id: n.id,
      message: n.message,
      messages: n.messages,
      startsAt: n.startsAt.toISOString(),
      ...(n.endsAt ? { endsAt: n.endsAt.toISOString() } : {}),
      expectedIssueDate: n.expectedIssueDate,
    }));
  }
}
