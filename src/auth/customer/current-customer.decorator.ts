import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { Locale } from '../../common/locale';

/** Who is calling: set on the request by `CustomerAuthGuard`. */
export interface AuthenticatedCustomer {
  accountId: string;
  /** The orders module's customer (tenant) the account belongs to. */
  customerId: string;
  email: string;
  locale: Locale;
}

export type CustomerRequest = Request & { customer?: AuthenticatedCustomer };

/** `method(@CurrentCustomer() customer: AuthenticatedCustomer)` behind `@UseGuards(CustomerAuthGuard)`. */
export const CurrentCustomer = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthenticatedCustomer => {
    const customer = context.switchToHttp().getRequest<CustomerRequest>().customer;
    // Only reachable when a route forgot the guard: a programming error, not a client one.
    if (!customer) throw new Error('CurrentCustomer used on a route without CustomerAuthGuard');
    return customer;
  },
);
