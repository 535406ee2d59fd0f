import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { Clock } from '../common/time/clock';
import { PushedPaymentDto } from './dto/pushed-payment.dto';
import { PaymentRecord } from './entities/payment-record.entity';
import { OrdersErrorCode, OrdersException } from './orders.exception';
import type { PushOutcome } from './orders.service';
import { paymentPushHash } from './payment-platform/push-hash';

/** A payment as finance reads it. */
export interface ReceivedPayment {
  orderId: string;
  paymentReference: string;
  payerName: string;
  amountFen: number;
  paidAt: Date;
}

@Injectable()
export class PaymentRecordsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** The payments received for these orders (at most one each), for finance's reports. */
  async paymentsForOrders(orderIds: readonly string[]): Promise<ReceivedPayment[]> {
    if (orderIds.length === 0) return [];
    const payments = await this.dataSource.manager.find(PaymentRecord, {
      where: { orderId: In([...orderIds]) },
    });
    return payments.map((p) => ({
      orderId: p.orderId,
      paymentReference: p.paymentReference,
      payerName: p.payerName,
      amountFen: Number(p.amountFen),
      paidAt: p.paidAt,
    }));
  }

  /**
   * Records a payment pushed by the payment platform: from now on the bill can be applied for.
   * An unknown order is a 404 (the platform retries later), an amount other than the order's a
   * 422; the same push again changes nothing; a different body under the same reference, or a
   * second payment for a paid order, is a conflict. The unique indexes on the reference and on
   * the order settle concurrent pushes.
   */
  async recordPushedPayment(push: PushedPaymentDto): Promise<PushOutcome> {
    const pushHash = paymentPushHash(push);
    return this.dataSource.transaction(async (manager) => {
      const [order]: { id: string; amount_fen: number }[] = await manager.query(
        'SELECT id, amount_fen FROM orders WHERE order_number = $1',
        [push.orderNumber],
      );
      if (!order) throw OrdersException.orderNotFound(push.orderNumber);
      if (await this.isReplay(manager, push, pushHash)) return { created: false };

      if (Number(order.amount_fen) !== push.amountFen) {
        throw new OrdersException(
          HttpStatus.UNPROCESSABLE_ENTITY,
          OrdersErrorCode.PAYMENT_AMOUNT_MISMATCH,
          `The payment of ${push.amountFen} fen does not match order ${push.orderNumber}, which is ${order.amount_fen} fen.`,
          {
            errors: [
              {
                field: 'amountFen',
                message: `amountFen must equal the order's amount, ${order.amount_fen} fen`,
              },
            ],
            extensions: { orderAmountFen: Number(order.amount_fen) },
          },
        );
      }

      const inserted: { id: string }[] = await manager.query(
        `INSERT INTO payment_records (order_id, payment_reference, payer_name, amount_fen, paid_at,
                                      synced_at, push_hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT DO NOTHING
         RETURNING id`,
        [
          order.id,
          push.paymentReference,
          push.payerName,
          push.amountFen,
          new Date(push.paidAt),
          this.clock.now(),
          pushHash,
        ],
      );
      if (inserted.length > 0) return { created: true };
      // Lost a race, or the order is already paid under another reference.
      if (await this.isReplay(manager, push, pushHash)) return { created: false };
      throw new OrdersException(
        HttpStatus.CONFLICT,
        OrdersErrorCode.ORDER_ALREADY_PAID,
        `Order ${push.orderNumber} already has a payment under another payment reference.`,
      );
    });
  }

  private async isReplay(
    manager: EntityManager,
    push: PushedPaymentDto,
    pushHash: string,
  ): Promise<boolean> {
    const rows: { push_hash: string }[] = await manager.query(
      'SELECT push_hash FROM payment_records WHERE payment_reference = $1',
      [push.paymentReference],
    );
    if (rows.length === 0) return false;
    if (rows[0].push_hash === pushHash) return true;
    throw new OrdersException(
      HttpStatus.CONFLICT,
      OrdersErrorCode.PAYMENT_REFERENCE_CONFLICT,
      `Payment ${push.paymentReference} was already pushed with different content; a payment cannot be changed.`,
    );
  }
}
