import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Res,
  UseGuards,
} from '@nestjs/common';
import { Throttle, ThrottlerGuard } from '@nestjs/throttler';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import {
  AuthenticatedCustomer,
  CurrentCustomer,
} from '../../auth/customer/current-customer.decorator';
import { CustomerAuthGuard } from '../../auth/customer/customer-auth.guard';
import { perIp } from '../../auth/customer/rate-limits';
import { ResendFilesDto } from './dto/resend-files.dto';
import { FAPIAO_FILE_KINDS } from './document-file.entity';
import { DocumentFilesService, type DocumentFileList } from './document-files.service';
import { sendFapiaoFile } from './send-fapiao-file';

/** The files of the signed-in customer's issued fapiao (PDF, OFD, XML). */
@ApiTags('fapiao applications')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No valid access token.' })
@UseGuards(CustomerAuthGuard)
@Controller('api/v1/fapiao/applications/:id/documents')
export class DocumentFilesController {
  constructor(private readonly files: DocumentFilesService) {}

  @Get('files')
  @ApiOperation({
    summary: "The files of each of the application's documents",
    description: 'Metadata only (kind, file name, media type, size, SHA-256).',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ description: 'One entry per document, with its files.' })
  @ApiNotFoundResponse({ description: "Not one of the customer's applications." })
  list(
    @CurrentCustomer() customer: AuthenticatedCustomer,
    @Param('id') id: string,
  ): Promise<DocumentFileList[]> {
    return this.files.listForCustomer(customer.customerId, id);
  }

  @Post('files/resend')
  @HttpCode(HttpStatus.ACCEPTED)
  @UseGuards(ThrottlerGuard)
  @Throttle(perIp.mailRequest)
  @ApiOperation({
    summary: 'Send the fapiao (PDFs attached) again, to another address',
    description: 'Once per address and day; throttled per client. 404 without files.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiAcceptedResponse({ description: 'The mail is queued.' })
  async resend(
    @CurrentCustomer() customer: AuthenticatedCustomer,
    @Param('id') id: string,
    @Body() body: ResendFilesDto,
  ): Promise<void> {
    await this.files.resendFiles(customer.customerId, id, body.email);
  }

  @Get(':docId/files/:kind')
  @ApiOperation({
    summary: 'Download one file of an issued fapiao',
    description:
      'The owning customer only: another customer’s document answers 404, as an unknown one does.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiParam({ name: 'docId', format: 'uuid' })
  @ApiParam({ name: 'kind', enum: FAPIAO_FILE_KINDS })
  @ApiProduces('application/pdf', 'application/ofd', 'application/xml')
  @ApiOkResponse({ description: 'The file, as an attachment with its file name.' })
  @ApiNotFoundResponse({
    description: 'No such file among the customer’s (FAPIAO_FILE_NOT_FOUND).',
  })
  async download(
    @CurrentCustomer() customer: AuthenticatedCustomer,
    @Param('id') id: string,
    @Param('docId') docId: string,
    @Param('kind') kind: string,
    @Res() res: Response,
  ): Promise<void> {
    sendFapiaoFile(res, await this.files.fileForCustomer(customer.customerId, id, docId, kind));
  }
}
