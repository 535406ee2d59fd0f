import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DEFAULT_LOCALE, isLocale, Locale } from '../../common/locale';
import { toBusinessDate } from '../../common/time/business-date';
import { Clock } from '../../common/time/clock';
import { OrdersService } from '../../orders/orders.service';
import { AuthErrorCode, AuthException } from '../auth.exception';
import { PasswordHasher } from '../passwords/password-hasher';
import { assertPasswordAcceptable } from '../passwords/password-policy';
import { AccountMails } from './account-mails';
import { ActivationService } from './activation.service';
import { normalizeEmail } from './email-address';
import { AccountStatus } from './entities/account-status';
import { CustomerAccount, UQ_CUSTOMER_ACCOUNTS_EMAIL } from './entities/customer-account.entity';
import { isUniqueViolation } from './unique-violation';

export interface RegistrationInput {
  orderNumber: string;
  email: string;
  password: string;
  locale?: Locale;
}

type ExistingAccount = Pick<CustomerAccount, 'id' | 'email' | 'locale' | 'status'>;

/**
 * Registration with an order number. The caller always gets the same answer; what happens
 * depends on the email:
 * - new: a pending account and an activation mail (activating one registration of an order
 *   closes that order's other pending registrations, see ActivationService.activate);
 * - pending: the registration is replaced by this one (order, password, language) and a fresh
 *   link is sent, so a mistyped first attempt never blocks the right one;
 * - active or disabled: a mail to that address saying an account already exists.
 */
@Injectable()
export class RegistrationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly orders: OrdersService,
    private readonly passwords: PasswordHasher,
    private readonly activation: ActivationService,
    private readonly mails: AccountMails,
    private readonly clock: Clock,
  ) {}

  async register(input: RegistrationInput): Promise<void> {
    assertPasswordAcceptable(input.password, 'password');
    const order = await this.orders.findOrderByNumber(input.orderNumber.trim());
    if (!order) {
      throw new AuthException(
        HttpStatus.UNPROCESSABLE_ENTITY,
        AuthErrorCode.ORDER_NOT_FOUND,
        'There is no order with this number. Copy it from the order confirmation email.',
        { errors: [{ field: 'orderNumber', message: 'orderNumber does not match any order' }] },
      );
    }
    const email = normalizeEmail(input.email);
    const locale = input.locale ?? (isLocale(order.locale) ? order.locale : DEFAULT_LOCALE);
    // Hashed in every case, so the answer takes as long whether or not the email is known.
    const passwordHash = await this.passwords.hash(input.password);
    const registration = {
      customerId: order.customerId,
      orderId: order.id,
      email,
      locale,
      passwordHash,
    };
    try {
      await this.dataSource.transaction((manager) => this.registerIn(manager, registration));
    } catch (error) {
      // A concurrent registration of the same email won the race: it has sent its own mail.
      if (!isUniqueViolation(error, UQ_CUSTOMER_ACCOUNTS_EMAIL)) throw error;
    }
  }

  private async registerIn(
    manager: EntityManager,
    registration: {
      customerId: string;
      orderId: string;
      email: string;
      locale: Locale;
      passwordHash: string;
    },
  ): Promise<void> {
    const now = this.clock.now();
    const rows = await manager.query<ExistingAccount[]>(
      `SELECT id, email, locale, status FROM customer_accounts
        WHERE email = $1 AND status <> 'expired' FOR UPDATE`,
      [registration.email],
    );
    const existing = rows[0];
    if (existing && existing.status !== AccountStatus.PENDING) {
      // One such mail per account per day is enough to tell the owner.
      await this.mails.alreadyExists(manager, existing, toBusinessDate(now));
      return;
    }
    let account: Pick<CustomerAccount, 'id' | 'email' | 'locale'>;
    if (existing) {
      await manager.query(
        `UPDATE customer_accounts
            SET customer_id = $2, password_hash = $3, locale = $4, updated_at = $5,
                registration_order_id = $6
          WHERE id = $1`,
        [
          existing.id,
          registration.customerId,
          registration.passwordHash,
          registration.locale,
          now,
          registration.orderId,
        ],
      );
      account = { ...existing, locale: registration.locale };
    } else {
      const [inserted] = await manager.query<{ id: string }[]>(
        `INSERT INTO customer_accounts
           (customer_id, email, password_hash, status, locale, created_at, updated_at,
            registration_order_id)
         VALUES ($1, $2, $3, 'pending', $4, $5, $5, $6) RETURNING id`,
        [
          registration.customerId,
          registration.email,
          registration.passwordHash,
          registration.locale,
          now,
          registration.orderId,
        ],
      );
      account = { id: inserted.id, email: registration.email, locale: registration.locale };
    }
    await this.activation.sendActivation(manager, account);
  }
}
