import { CanActivate, createParamDecorator, ExecutionContext, Injectable } from '@nestjs/common';
import { signInRequired } from '../http/portal-errors';
import type { PortalCustomer, PortalRequest } from './portal-customer';

/**
 * Pages for signed-in customers only: anyone else is sent to /login and brought back to the
 * page afterwards (PortalErrorPages).
 */
@Injectable()
export class PortalSignedInGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (!context.switchToHttp().getRequest<PortalRequest>().user) throw signInRequired();
    return true;
  }
}

/** `method(@SignedInCustomer() customer: PortalCustomer)` behind `@UseGuards(PortalSignedInGuard)`. */
export const SignedInCustomer = createParamDecorator(
  (_data: unknown, context: ExecutionContext): PortalCustomer => {
    const customer = context.switchToHttp().getRequest<PortalRequest>().user;
    if (!customer) throw signInRequired();
    return customer;
  },
);
