import { Get, HttpStatus, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { PortalController } from '../http/portal-controller.decorator';
import type { PortalRequest } from '../sign-in/portal-customer';

/** As registration takes it: up to 64 characters; no spaces inside. */
const ORDER_NUMBER = /^\S{1,64}$/;

/** The journey's page for one bill's application (the billing-records pages own it). */
export function applyPathFor(orderNumber: string): string {
  return `/billing-records/${encodeURIComponent(orderNumber)}/apply`;
}

/**
 * `/apply?orderNumber=…`, the link the shop's console puts beside each bill: straight to that
 * bill's application when signed in; otherwise sign in or register with the order number, and
 * sign-in then leads there.
 */
@PortalController()
export class ApplyEntryController {
  @Get('apply')
  entry(
    @Query('orderNumber') orderNumber: unknown,
    @Req() req: PortalRequest,
    @Res() res: Response,
  ): void {
    if (typeof orderNumber !== 'string' || !ORDER_NUMBER.test(orderNumber.trim())) {
      return res
        .status(HttpStatus.BAD_REQUEST)
        .render('apply', { titleKey: 'apply.title', invalid: true });
    }
    const target = applyPathFor(orderNumber.trim());
    if (req.user) return res.redirect(303, target);
    req.session.returnTo = target;
    res.render('apply', { titleKey: 'apply.title', orderNumber: orderNumber.trim(), next: target });
  }
}
