import type { Locale } from '../common/locale';
import { StaffRole } from '../auth/staff/staff-role';

/** Demo logins are printed and documented: development only, never for a real deployment. */
export const DEMO_CUSTOMER_PASSWORD = 'demo-customer-2026';
export const DEMO_STAFF_PASSWORD = 'demo-staff-password-2026';

/**
 * `applied`: paid, synced, and a submitted fapiao application holds it. `issued`: its application
 * was issued by the demo service-centre staff (a digital one with its PDF, downloadable).
 */
export type DemoOrderState = 'paid_and_synced' | 'paid_not_synced' | 'applied' | 'issued';

export interface DemoOrder {
  orderNumber: string;
  daysAgo: number;
  items: { description: string; amountFen: number }[];
  state: DemoOrderState;
  /** How the applied-for fapiao is delivered: `email` (digital) or paper by Yunda (default). */
  delivery?: 'email' | 'yunda';
}

export interface DemoCustomer {
  externalId: string;
  name: string;
  contactEmail: string;
  locale: Locale;
  /** The customer's login, if it has one. */
  login?: string;
  orders: DemoOrder[];
}

export const DEMO_CUSTOMERS: DemoCustomer[] = [
  {
    externalId: 'DEMO-CUST-001',
    name: '上海示例科技有限公司',
    contactEmail: 'finance@demo-shanghai.example.com',
    locale: 'zh-CN',
    login: 'demo@example.com',
    orders: [
      {
        orderNumber: 'DEMO-2026-0001',
        daysAgo: 30,
        state: 'paid_and_synced',
        items: [
          { description: '云服务器 ECS 4核8G 包年', amountFen: 358_800 },
          { description: '云盘 500GB 包年', amountFen: 60_000 },
        ],
      },
      {
        orderNumber: 'DEMO-2026-0002',
        daysAgo: 12,
        state: 'paid_and_synced',
        items: [{ description: '对象存储 1TB 包月', amountFen: 12_000 }],
      },
      {
        orderNumber: 'DEMO-2026-0003',
        daysAgo: 6,
        state: 'applied',
        items: [{ description: 'CDN 流量包 10TB', amountFen: 150_000 }],
      },
      {
        orderNumber: 'DEMO-2026-0005',
        daysAgo: 4,
        state: 'applied',
        delivery: 'email',
        items: [{ description: '负载均衡 SLB 包月', amountFen: 32_000 }],
      },
      {
        orderNumber: 'DEMO-2026-0006',
        daysAgo: 8,
        state: 'issued',
        delivery: 'email',
        items: [
          { description: '云服务器 ECS 2核4G 包月', amountFen: 21_800 },
          { description: '公网带宽 10Mbps 包月', amountFen: 8_200 },
        ],
      },
      {
        orderNumber: 'DEMO-2026-0004',
        daysAgo: 1,
        state: 'paid_not_synced',
        items: [
          { description: '云数据库 RDS 2核4G 包月', amountFen: 45_600 },
          { description: '备份空间 200GB', amountFen: 4_400 },
        ],
      },
    ],
  },
  {
    externalId: 'DEMO-CUST-002',
    name: '杭州演示贸易有限公司',
    contactEmail: 'ap@demo-hangzhou.example.com',
    locale: 'zh-CN',
    orders: [
      {
        orderNumber: 'DEMO-2026-0101',
        daysAgo: 20,
        state: 'paid_and_synced',
        items: [{ description: '企业邮箱 50 用户 包年', amountFen: 500_000 }],
      },
      {
        orderNumber: 'DEMO-2026-0102',
        daysAgo: 2,
        state: 'paid_not_synced',
        items: [{ description: 'SSL 证书 通配符 1 年', amountFen: 199_900 }],
      },
    ],
  },
  {
    externalId: 'DEMO-CUST-003',
    name: 'Beijing Demo Cloud Ltd.',
    contactEmail: 'accounts@demo-beijing.example.com',
    locale: 'en',
    orders: [
      {
        orderNumber: 'DEMO-2026-0201',
        daysAgo: 9,
        state: 'paid_and_synced',
        items: [{ description: 'Kubernetes cluster, 3 nodes, 1 month', amountFen: 268_000 }],
      },
    ],
  },
];

/**
 * The demo staff come with two-factor sign-in set up: `totpSecret` is the key to type into an
 * authenticator app (printed at start-up beside the password). Development only, like the password.
 */
export const DEMO_STAFF: {
  email: string;
  displayName: string;
  role: StaffRole;
  totpSecret: string;
}[] = [
  {
    email: 'admin@example.com',
    displayName: 'Demo Admin',
    role: StaffRole.ADMIN,
    totpSecret: 'DEMOADMINXTOTPKEYAAAAAAAAAAAAAAA',
  },
  {
    email: 'service-center@example.com',
    displayName: 'Demo Service Centre',
    role: StaffRole.SERVICE_CENTER,
    totpSecret: 'DEMOSERVICEXCENTRETOTPKEYBBBBBBB',
  },
  {
    email: 'support@example.com',
    displayName: 'Demo Support',
    role: StaffRole.SUPPORT,
    totpSecret: 'DEMOSUPPORTXTOTPKEYCCCCCCCCCCCCC',
  },
];
