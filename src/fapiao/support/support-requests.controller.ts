import { Body, Controller, Get, Param, Post, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import {
  AuthenticatedCustomer,
  CurrentCustomer,
} from '../../auth/customer/current-customer.decorator';
import { CustomerAuthGuard } from '../../auth/customer/customer-auth.guard';
import { CreateSupportRequestDto } from './dto/support-request-input.dto';
import { SupportRequestDto, SupportRequestListDto } from './dto/support-request.dto';
import { SupportRequestReader } from './support-request-reader';
import { SupportRequestException } from './support-request.exception';
import { SupportRequestsService } from './support-requests.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The signed-in customer's support requests (split, retitle, not received, other). */
@ApiTags('support requests')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No valid access token.' })
@UseGuards(CustomerAuthGuard)
@Controller('api/v1/support-requests')
export class SupportRequestsController {
  constructor(
    private readonly requests: SupportRequestsService,
    private readonly reader: SupportRequestReader,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Open a support request about one of your bills',
    description:
      '`split`: `lines` (≥ 2) of `{title, amountFen}` adding up exactly to the bill. `retitle`: ' +
      '`newTitle`, only for an issued or mailed-out application. `not_received`: a mailed-out ' +
      'application. `other`: a `message`. A receipt is mailed.',
  })
  @ApiCreatedResponse({ type: SupportRequestDto })
  @ApiNotFoundResponse({ description: "Not one of the customer's orders or applications." })
  @ApiConflictResponse({
    description: 'The application does not allow it (APPLICATION_NOT_ELIGIBLE).',
  })
  @ApiUnprocessableEntityResponse({
    description: 'SUPPORT_REQUEST_INVALID (with errors) or SPLIT_TOTAL_MISMATCH (names the total).',
  })
  async create(
    @CurrentCustomer() customer: AuthenticatedCustomer,
    @Body() body: CreateSupportRequestDto,
  ): Promise<SupportRequestDto> {
    const id = await this.requests.create(customer, body);
    return this.reader.getForCustomer(customer.customerId, id);
  }

  @Get()
  @ApiOperation({
    summary: "The customer's support requests, newest first",
    description: 'Every support request of the signed-in customer (company), with its status.',
  })
  @ApiOkResponse({ type: SupportRequestListDto })
  async list(@CurrentCustomer() customer: AuthenticatedCustomer): Promise<SupportRequestListDto> {
    return { items: await this.reader.listForCustomer(customer.customerId) };
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One support request: status, history, staff replies',
    description: "Another customer's request answers 404, as an unknown id does.",
  })
  @ApiOkResponse({ type: SupportRequestDto })
  @ApiNotFoundResponse({ description: 'SUPPORT_REQUEST_NOT_FOUND' })
  get(
    @CurrentCustomer() customer: AuthenticatedCustomer,
    @Param('id') id: string,
  ): Promise<SupportRequestDto> {
    if (!UUID.test(id)) throw SupportRequestException.notFound(id.slice(0, 64));
    return this.reader.getForCustomer(customer.customerId, id.toLowerCase());
  }
}
