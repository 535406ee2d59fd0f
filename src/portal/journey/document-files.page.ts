import { Body, Get, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { Throttle } from '@nestjs/throttler';
import type { Response } from 'express';
import { perIp } from '../../auth/customer/rate-limits';
import { DocumentFilesController } from '../../fapiao/document-files/document-files.controller';
import { DocumentFilesService } from '../../fapiao/document-files/document-files.service';
import { ResendFilesDto } from '../../fapiao/document-files/dto/resend-files.dto';
import { sendFapiaoFile } from '../../fapiao/document-files/send-fapiao-file';
import { PortalController } from '../http/portal-controller.decorator';
import { redirectWithFlash } from '../http/portal-flash';
import { checkForm } from '../http/portal-forms';
import { SharedThrottlerGuard, SharesLimitWith } from '../http/shared-throttler.guard';
import type { PortalCustomer, PortalRequest } from '../sign-in/portal-customer';
import { PortalSignedInGuard, SignedInCustomer } from '../sign-in/portal-signed-in.guard';
import { text } from './journey-forms';

/** The files of the customer's issued fapiao: downloads, and sending them to another address. */
@PortalController()
@UseGuards(PortalSignedInGuard)
export class DocumentFilesPages {
  constructor(private readonly files: DocumentFilesService) {}

  @Get('applications/:id/documents/:docId/files/:kind')
  async download(
    @SignedInCustomer() customer: PortalCustomer,
    @Param('id') id: string,
    @Param('docId') docId: string,
    @Param('kind') kind: string,
    @Res() res: Response,
  ): Promise<void> {
    sendFapiaoFile(res, await this.files.fileForCustomer(customer.customerId, id, docId, kind));
  }

  @Post('applications/:id/files/resend')
  @UseGuards(SharedThrottlerGuard)
  @SharesLimitWith(DocumentFilesController, 'resend')
  @Throttle(perIp.mailRequest)
  async resend(
    @SignedInCustomer() customer: PortalCustomer,
    @Param('id') id: string,
    @Body() body: Record<string, unknown>,
    @Req() req: PortalRequest,
    @Res() res: Response,
  ): Promise<void> {
    const back = `/applications/${encodeURIComponent(id)}`;
    const email = text(body, 'email');
    if ((await checkForm(ResendFilesDto, { email }, req.locale)).state) {
      return redirectWithFlash(req, res, back, {
        kind: 'error',
        key: 'journey.files.resendInvalid',
      });
    }
    await this.files.resendFiles(customer.customerId, id, email);
    redirectWithFlash(req, res, back, {
      kind: 'success',
      key: 'journey.files.resent',
      params: { email: email.trim() },
    });
  }
}
