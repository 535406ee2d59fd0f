import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { AccountsService } from '../auth/customer/accounts.service';
import type { AuthenticatedCustomer } from '../auth/customer/current-customer.decorator';
import { StaffRole } from '../auth/staff/staff-role';
import { StaffAuthService } from '../auth/staff/staff-auth.service';
import { StaffTwoFactorService } from '../auth/staff/staff-two-factor.service';
import { ProblemException } from '../common/errors/problem.exception';
import type { StaffActor } from '../fapiao/applications/application-actor';
import { Clock } from '../common/time/clock';
import { PushedOrderDto } from '../orders/dto/pushed-order.dto';
import { PushedPaymentDto } from '../orders/dto/pushed-payment.dto';
import { OrdersService } from '../orders/orders.service';
import { PaymentRecordsService } from '../orders/payment-records.service';
import {
  DEMO_CUSTOMER_PASSWORD,
  DEMO_CUSTOMERS,
  DEMO_STAFF,
  DEMO_STAFF_PASSWORD,
  DemoCustomer,
  DemoOrder,
} from './demo-catalogue';
import { applyForDemoBills } from './demo-applications';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface DemoLogin {
  kind: 'customer' | 'staff';
  email: string;
  password: string;
  /** Staff: the key of their authenticator app's entry (two-factor sign-in). */
  totpSecret?: string;
  role?: string;
  customerName?: string;
}

export interface DemoSummary {
  ordersCreated: number;
  paymentsCreated: number;
  applicationsSubmitted: number;
  /** Of those, issued by the demo service-centre staff (digital ones with their PDF). */
  applicationsIssued: number;
  logins: DemoLogin[];
}

/**
 * Loads the demo customers, orders, payments and logins through the same services the real
 * pushes and sign-ups use. Idempotent: existing orders, payments and logins are left as they are.
 */
@Injectable()
export class DemoDataService {
  private readonly logger = new Logger(DemoDataService.name);

  constructor(
    private readonly orders: OrdersService,
    private readonly payments: PaymentRecordsService,
    private readonly accounts: AccountsService,
    private readonly staff: StaffAuthService,
    private readonly staffTwoFactor: StaffTwoFactorService,
    private readonly clock: Clock,
    private readonly moduleRef: ModuleRef,
  ) {}

  async load(): Promise<DemoSummary> {
    const summary: DemoSummary = {
      ordersCreated: 0,
      paymentsCreated: 0,
      applicationsSubmitted: 0,
      applicationsIssued: 0,
      logins: [],
    };
    // Staff first: the demo service centre issues the bills marked `issued`.
    const staffLogins: DemoLogin[] = [];
    for (const member of DEMO_STAFF) {
      await this.ensureStaff(member);
      staffLogins.push({
        kind: 'staff',
        email: member.email,
        password: DEMO_STAFF_PASSWORD,
        totpSecret: member.totpSecret,
        role: member.role,
      });
    }
    const issuer = await this.demoIssuer();
    for (const customer of DEMO_CUSTOMERS) {
      for (const order of customer.orders) await this.loadOrder(customer, order, summary);
      if (customer.login) {
        const account = await this.ensureCustomerLogin(customer);
        // Only for a login made now: an existing one had its applications made with it.
        if (account) {
          const applied = await applyForDemoBills(
            this.moduleRef,
            customer,
            account,
            issuer,
            this.clock.now(),
          );
          summary.applicationsSubmitted += applied.submitted;
          summary.applicationsIssued += applied.issued;
        }
        summary.logins.push({
          kind: 'customer',
          email: customer.login,
          password: DEMO_CUSTOMER_PASSWORD,
          customerName: customer.name,
        });
      }
    }
    summary.logins.push(...staffLogins);
    return summary;
  }

  /** The demo service-centre staff member, who issues the demo's issued fapiao. */
  private async demoIssuer(): Promise<StaffActor | null> {
    const member = DEMO_STAFF.find((m) => m.role === StaffRole.SERVICE_CENTER);
    const staff = member ? await this.staff.findByEmail(member.email) : null;
    return staff ? { staffId: staff.id, staffEmail: staff.email } : null;
  }

  private async loadOrder(
    customer: DemoCustomer,
    order: DemoOrder,
    summary: DemoSummary,
  ): Promise<void> {
    const existing = await this.orders.findOrderByNumber(order.orderNumber);
    const orderedAt = new Date(this.clock.now().getTime() - order.daysAgo * DAY_MS);
    const amountFen = order.items.reduce((sum, item) => sum + item.amountFen, 0);
    if (!existing) {
      const push: PushedOrderDto = {
        orderNumber: order.orderNumber,
        customer: { externalId: customer.externalId, name: customer.name },
        contactEmail: customer.contactEmail,
        amountFen,
        currency: 'CNY',
        items: order.items,
        orderedAt: orderedAt.toISOString(),
        locale: customer.locale,
      };
      if ((await this.orders.recordPushedOrder(push)).created) summary.ordersCreated += 1;
    }
    if (order.state === 'paid_not_synced') return;
    const payment: PushedPaymentDto = {
      orderNumber: order.orderNumber,
      paymentReference: `PAY-${order.orderNumber}`,
      payerName: customer.name,
      amountFen,
      paidAt: new Date(orderedAt.getTime() + 10 * 60 * 1000).toISOString(),
    };
    try {
      if ((await this.payments.recordPushedPayment(payment)).created) summary.paymentsCreated += 1;
    } catch (error) {
      // Loaded on an earlier day: the same reference with other timestamps. Keep the first.
      if (!(error instanceof ProblemException && error.status === HttpStatus.CONFLICT)) throw error;
    }
  }

  /** The new login, or null when it existed already. */
  private async ensureCustomerLogin(customer: DemoCustomer): Promise<AuthenticatedCustomer | null> {
    const email = customer.login!;
    const order = await this.orders.findOrderByNumber(customer.orders[0].orderNumber);
    if (!order) throw new Error(`Demo order ${customer.orders[0].orderNumber} is missing`);
    try {
      const { accountId } = await this.accounts.createActivatedAccount({
        customerId: order.customerId,
        email,
        password: DEMO_CUSTOMER_PASSWORD,
        locale: customer.locale,
      });
      return { accountId, customerId: order.customerId, email, locale: customer.locale };
    } catch (error) {
      if (!(error instanceof ProblemException && error.status === HttpStatus.CONFLICT)) throw error;
      this.logger.log(`Demo login ${email} exists already; left unchanged.`);
      return null;
    }
  }

  /** Creates the staff member with two-factor sign-in set up (also for one made before it). */
  private async ensureStaff(member: (typeof DEMO_STAFF)[number]): Promise<void> {
    const { totpSecret, ...details } = member;
    let id: string;
    try {
      id = (await this.staff.create({ ...details, password: DEMO_STAFF_PASSWORD })).id;
    } catch (error) {
      const pg = (error as { driverError?: { code?: string } }).driverError;
      if (pg?.code !== '23505') throw error;
      const existing = await this.staff.findByEmail(member.email);
      if (!existing || existing.totpEnrolledAt) {
        this.logger.log(`Demo staff ${member.email} exists already; left unchanged.`);
        return;
      }
      id = existing.id;
    }
    await this.staffTwoFactor.enrolWithSecret(id, totpSecret);
  }
}

/** The lines printed after loading, so a first-time user knows how to sign in. */
export function describeDemoLogins(summary: DemoSummary, baseUrl: string): string {
  const lines = [
    '',
    `Demo data: ${summary.ordersCreated} order(s), ${summary.paymentsCreated} payment(s) and ` +
      `${summary.applicationsSubmitted} fapiao application(s) added` +
      (summary.applicationsIssued > 0
        ? ` (${summary.applicationsIssued} issued, digital ones with a PDF to download).`
        : '.'),
    `  Customer logins (${baseUrl}/login, or POST /api/v1/auth/login):`,
    ...summary.logins
      .filter((l) => l.kind === 'customer')
      .map((l) => `    ${l.email} / ${l.password}   (${l.customerName})`),
    `  Staff logins (${baseUrl}/admin):`,
    ...summary.logins
      .filter((l) => l.kind === 'staff')
      .map((l) => `    ${l.email} / ${l.password} / TOTP key ${l.totpSecret}   (${l.role})`),
    '  (Add the TOTP key to an authenticator app; it asks for its code after the password.)',
    '  These are for development only.',
    '',
  ];
  return lines.join('\n');
}
