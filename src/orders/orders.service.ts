import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DEFAULT_LOCALE, Locale } from '../common/locale';
import { Clock } from '../common/time/clock';
import { AppConfig } from '../config/app-config';
import { NotificationsService } from '../notifications/notifications.service';
import { OrderSummary } from './billing-records/bill';
import { PushedOrderDto } from './dto/pushed-order.dto';
import { OrdersErrorCode, OrdersException } from './orders.exception';
import { orderPushHash } from './payment-platform/push-hash';

export interface PushOutcome {
  /** False when the same push had been received before: nothing was written. */
  created: boolean;
}

/** The link in the order confirmation mail; registration reads `orderNumber` from the query. */
export function registrationUrl(publicBaseUrl: string, orderNumber: string): string {
  return `${publicBaseUrl}/register?orderNumber=${encodeURIComponent(orderNumber)}`;
}

/** The portal's way in to one bill's application, through sign-in (the mail's second link). */
export function applyUrl(publicBaseUrl: string, orderNumber: string): string {
  return `${publicBaseUrl}/apply?orderNumber=${encodeURIComponent(orderNumber)}`;
}

@Injectable()
export class OrdersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** The order for registration, or null when the number is unknown. */
  async findOrderByNumber(orderNumber: string): Promise<OrderSummary | null> {
    const rows: OrderSummary[] = await this.dataSource.query(
      `SELECT id, order_number AS "orderNumber", customer_id AS "customerId",
              contact_email AS "contactEmail", locale
         FROM orders WHERE order_number = $1`,
      [orderNumber],
    );
    return rows[0] ?? null;
  }

  /** The order by id, in the caller's transaction when given one; null when unknown. */
  async findOrderById(orderId: string, manager?: EntityManager): Promise<OrderSummary | null> {
    const rows: OrderSummary[] = await (manager ?? this.dataSource.manager).query(
      `SELECT id, order_number AS "orderNumber", customer_id AS "customerId",
              contact_email AS "contactEmail", locale
         FROM orders WHERE id = $1`,
      [orderId],
    );
    return rows[0] ?? null;
  }

  /** False on an empty database (the first start loads demo data then). */
  async hasAnyOrders(): Promise<boolean> {
    const [row]: { found: boolean }[] = await this.dataSource.query(
      'SELECT EXISTS (SELECT 1 FROM orders) AS found',
    );
    return row.found;
  }

  /**
   * Records an order pushed by the payment platform and, for a new one, enqueues the order
   * confirmation mail in the same transaction. The same push again changes nothing; a different
   * body under the same order number is a conflict. Concurrent identical pushes are settled by the
   * unique order number (ON CONFLICT DO NOTHING): exactly one inserts, and mails.
   */
  async recordPushedOrder(push: PushedOrderDto): Promise<PushOutcome> {
    assertItemsAddUp(push);
    const locale: Locale = push.locale ?? DEFAULT_LOCALE;
    const pushHash = orderPushHash(push, locale);
    // Emails are compared case-insensitively everywhere (accounts too): stored lower-cased.
    const contactEmail = push.contactEmail.toLowerCase();

    return this.dataSource.transaction(async (manager) => {
      if (await this.isReplay(manager, push.orderNumber, pushHash)) return { created: false };

      const [customer]: { id: string }[] = await manager.query(
        `INSERT INTO customers (external_id, name) VALUES ($1, $2)
         ON CONFLICT (external_id) DO UPDATE
           SET name = EXCLUDED.name, updated_at = $3
         RETURNING id`,
        [push.customer.externalId, push.customer.name, this.clock.now()],
      );
      const inserted: { id: string }[] = await manager.query(
        `INSERT INTO orders (order_number, customer_id, contact_email, locale, items, amount_fen,
                             currency, ordered_at, push_hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (order_number) DO NOTHING
         RETURNING id`,
        [
          push.orderNumber,
          customer.id,
          contactEmail,
          locale,
          JSON.stringify(
            push.items.map((i) => ({ description: i.description, amountFen: i.amountFen })),
          ),
          push.amountFen,
          push.currency,
          new Date(push.orderedAt),
          pushHash,
        ],
      );
      if (inserted.length === 0) {
        // A concurrent push of the same number committed first.
        if (await this.isReplay(manager, push.orderNumber, pushHash)) return { created: false };
        // ON CONFLICT met a push of this number that this statement cannot see: a conflict.
        throw OrdersException.orderNumberConflict(push.orderNumber);
      }

      await this.notifications.enqueue(manager, {
        to: contactEmail,
        template: 'order-confirmation',
        locale,
        context: {
          orderNumber: push.orderNumber,
          amountFen: push.amountFen,
          registrationUrl: registrationUrl(this.config.publicBaseUrl, push.orderNumber),
          applyUrl: applyUrl(this.config.publicBaseUrl, push.orderNumber),
        },
        dedupeKey: `order-confirmation:${push.orderNumber}`,
      });
      return { created: true };
    });
  }

  /** True for a replay of the same push; throws 409 for a different body; false if unknown. */
  private async isReplay(
    manager: EntityManager,
    orderNumber: string,
    pushHash: string,
  ): Promise<boolean> {
    const rows: { push_hash: string }[] = await manager.query(
      'SELECT push_hash FROM orders WHERE order_number = $1',
      [orderNumber],
    );
    if (rows.length === 0) return false;
    if (rows[0].push_hash === pushHash) return true;
    throw OrdersException.orderNumberConflict(orderNumber);
  }
}

function assertItemsAddUp(push: PushedOrderDto): void {
  const total = push.items.reduce((sum, item) => sum + item.amountFen, 0);
  if (total === push.amountFen) return;
  throw new OrdersException(
    HttpStatus.UNPROCESSABLE_ENTITY,
    OrdersErrorCode.ORDER_ITEMS_TOTAL_MISMATCH,
    `The items add up to ${total} fen, but the order's amountFen is ${push.amountFen} fen.`,
    {
      errors: [
        {
          field: 'items',
          message: `items add up to ${total} fen, which differs from amountFen ${push.amountFen}`,
        },
      ],
      extensions: { itemsTotalFen: total, amountFen: push.amountFen },
    },
  );
}
