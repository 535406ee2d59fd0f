import { HttpStatus } from '@nestjs/common';
import { ProblemException, ProblemOptions } from '../common/errors/problem.exception';

export enum OrdersErrorCode {
  /** Unknown order number, or one that belongs to another customer (never 403: no enumeration). */
  ORDER_NOT_FOUND = 'ORDER_NOT_FOUND',
  /** The order number was pushed before with a different body. */
  ORDER_NUMBER_CONFLICT = 'ORDER_NUMBER_CONFLICT',
  /** The payment reference was pushed before with a different body. */
  PAYMENT_REFERENCE_CONFLICT = 'PAYMENT_REFERENCE_CONFLICT',
  /** The order already has a payment under another reference. */
  ORDER_ALREADY_PAID = 'ORDER_ALREADY_PAID',
  PAYMENT_AMOUNT_MISMATCH = 'PAYMENT_AMOUNT_MISMATCH',
  ORDER_ITEMS_TOTAL_MISMATCH = 'ORDER_ITEMS_TOTAL_MISMATCH',
  /** The bill was taken by another application while this one was being written. */
  BILL_NO_LONGER_APPLICABLE = 'BILL_NO_LONGER_APPLICABLE',
  /** Missing, malformed, wrong or stale `X-Signature` on a payment platform push. */
  INVALID_SIGNATURE = 'INVALID_SIGNATURE',
}

export class OrdersException extends ProblemException {
  constructor(
    status: HttpStatus,
    code: OrdersErrorCode,
    detail: string,
    options: ProblemOptions = {},
  ) {
    super(status, code, detail, options);
  }

  static orderNotFound(orderNumber: string): OrdersException {
    return new OrdersException(
      HttpStatus.NOT_FOUND,
      OrdersErrorCode.ORDER_NOT_FOUND,
      `There is no order ${orderNumber}.`,
    );
  }

  static orderNumberConflict(orderNumber: string): OrdersException {
    return new OrdersException(
      HttpStatus.CONFLICT,
      OrdersErrorCode.ORDER_NUMBER_CONFLICT,
      `Order ${orderNumber} was already pushed with different content; an order cannot be changed.`,
    );
  }

  static billNoLongerApplicable(orderNumber: string): OrdersException {
    return new OrdersException(
      HttpStatus.CONFLICT,
      OrdersErrorCode.BILL_NO_LONGER_APPLICABLE,
      `The bill ${orderNumber} was applied for by another request meanwhile; reload it.`,
    );
  }
}
