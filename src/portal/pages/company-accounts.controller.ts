import { Body, Get, HttpStatus, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { CompanyAccountsService } from '../../auth/customer/company-accounts.service';
import { ProblemException, ValidationFailedException } from '../../common/errors/problem.exception';
import { PortalController } from '../http/portal-controller.decorator';
import { redirectWithFlash } from '../http/portal-flash';
import { FormState, formStateFrom } from '../http/portal-forms';
import type { PortalCustomer, PortalRequest } from '../sign-in/portal-customer';
import { PortalSignedInGuard, SignedInCustomer } from '../sign-in/portal-signed-in.guard';

const MAX_MESSAGE_LENGTH = 2000;

/**
 * The company's accounts: whoever has an order number can register one, so every account sees
 * the others (email, since when) and can report one it does not know to support.
 */
@PortalController()
@UseGuards(PortalSignedInGuard)
export class CompanyAccountsController {
  constructor(private readonly companyAccounts: CompanyAccountsService) {}

  @Get('account/company-accounts')
  async list(@SignedInCustomer() customer: PortalCustomer, @Res() res: Response): Promise<void> {
    res.render('company-accounts', await this.page(customer, { values: {}, errors: {} }));
  }

  @Post('account/company-accounts/:id/report')
  async report(
    @SignedInCustomer() customer: PortalCustomer,
    @Param('id') id: string,
    @Body() body: Record<string, unknown>,
    @Req() req: PortalRequest,
    @Res() res: Response,
  ): Promise<void> {
    const message = typeof body.message === 'string' ? body.message.trim() : '';
    try {
      if (message.length > MAX_MESSAGE_LENGTH) {
        throw new ValidationFailedException([
          { field: 'message', message: `message must be at most ${MAX_MESSAGE_LENGTH} characters` },
        ]);
      }
      await this.companyAccounts.report(customer, id, message || undefined);
    } catch (error) {
      const state = formStateFrom(error, body, req.locale);
      // A form's field error is a 422 page, as elsewhere in the portal.
      const status = error instanceof ProblemException ? error.status : HttpStatus.BAD_REQUEST;
      res.status(status === HttpStatus.BAD_REQUEST ? HttpStatus.UNPROCESSABLE_ENTITY : status);
      return res.render('company-accounts', await this.page(customer, state));
    }
    redirectWithFlash(req, res, '/account/company-accounts', {
      kind: 'success',
      key: 'companyAccounts.reported',
    });
  }

  private async page(customer: PortalCustomer, form: FormState): Promise<object> {
    return {
      titleKey: 'companyAccounts.title',
      accounts: await this.companyAccounts.listForCustomer(customer.customerId, customer.accountId),
      ...form,
    };
  }
}
