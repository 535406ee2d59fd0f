import type { Locale } from '../common/locale';
import { AUDIT_ACTION_NAMES } from './audit/audit-action-names';

/**
 * The back office's words for stored values (statuses, types, methods, document kinds) and for
 * the application and support request pages, in both languages. AdminJS looks values up as
 * `resources.<id>.labels.<property>.<value>`; the pages' own components read
 * `components.Values.<kind>.<value>` and `components.ApplicationDetails.<key>`.
 */
const APPLICATION_STATUS = {
  'zh-CN': {
    draft: '草稿',
    submitted: '待处理',
    processing: '处理中',
    on_hold: '暂缓中',
    issued: '已开票',
    mailed_out: '已寄出',
    ready_for_pickup: '待自取',
    picked_up: '已自取',
    cancelled: '已取消',
    rejected: '已驳回',
  },
  en: {
    draft: 'Draft',
    submitted: 'Submitted',
    processing: 'Processing',
    on_hold: 'On hold',
    issued: 'Issued',
    mailed_out: 'Mailed out',
    ready_for_pickup: 'Ready for pick-up',
    picked_up: 'Picked up',
    cancelled: 'Cancelled',
    rejected: 'Rejected',
  },
};

const SUPPORT_STATUS = {
  'zh-CN': {
    open: '待受理',
    in_progress: '处理中',
    awaiting_return: '等待寄回原发票',
    resolved: '已办结',
    rejected: '已拒绝',
  },
  en: {
    open: 'Open',
    in_progress: 'In progress',
    awaiting_return: 'Awaiting the original',
    resolved: 'Resolved',
    rejected: 'Rejected',
  },
};

const SUPPORT_TYPE = {
  'zh-CN': { split: '拆分发票', retitle: '更改抬头', not_received: '未收到发票', other: '其他' },
  en: { split: 'Split', retitle: 'Retitle', not_received: 'Not received', other: 'Other' },
};

const FAPIAO_TYPE = {
  'zh-CN': { normal: '增值税普通发票', special: '增值税专用发票' },
  en: { normal: 'Normal VAT fapiao', special: 'Special VAT fapiao' },
};

const PURPOSE = {
  'zh-CN': { none: '无', purchase_certificate: '购买凭证', refund: '退款' },
  en: { none: 'None', purchase_certificate: 'Purchase certificate', refund: 'Refund' },
};

const SHIPPING_METHOD = {
  'zh-CN': {
    email: '电子发票（邮箱）',
    yunda: '韵达快递（包邮）',
    sf_freight_collect: '顺丰到付',
    pickup: '自取',
  },
  en: {
    email: 'Digital, by email',
    yunda: 'Yunda (free)',
    sf_freight_collect: 'SF Express, freight collect',
    pickup: 'Pick-up',
  },
};

const DOCUMENT_KIND = {
  'zh-CN': { blue: '蓝字发票', red: '红字发票' },
  en: { blue: 'Blue (normal)', red: 'Red-letter (reversal)' },
};

const MAIL_STATUS = {
  'zh-CN': { pending: '待发送', sending: '发送中', sent: '已发送', failed: '发送失败' },
  en: { pending: 'Pending', sending: 'Sending', sent: 'Sent', failed: 'Failed' },
};

const ACCOUNT_STATUS = {
  'zh-CN': { pending: '待激活', active: '已激活', disabled: '已停用', expired: '已过期' },
  en: { pending: 'Pending', active: 'Active', disabled: 'Disabled', expired: 'Expired' },
};

const ACTOR = {
  'zh-CN': { customer: '客户', staff: '员工', system: '系统' },
  en: { customer: 'Customer', staff: 'Staff', system: 'System' },
};

const DETAILS = {
  'zh-CN': {
    title: '发票抬头',
    buyerName: '购买方名称',
    taxId: '纳税人识别号',
    titleAddress: '地址',
    titlePhone: '电话',
    bankName: '开户银行',
    bankAccount: '银行账号',
    shipping: '领取与邮寄',
    method: '领取方式',
    recipient: '收件人',
    phone: '联系电话',
    address: '邮寄地址',
    postalCode: '邮政编码',
    documents: '已开发票',
    kind: '类型',
    number: '发票号码',
    issueDate: '开票日期',
    amount: '金额',
    tax: '税额',
    reverses: '红冲的原发票',
    history: '处理记录',
    at: '时间（北京时间）',
    change: '变更',
    by: '操作人',
    remark: '备注',
    remarkOnly: '备注',
    remarks: '给客户的说明',
    type: '类型',
    status: '状态',
    lines: '拆分明细',
    newTitle: '新抬头',
    message: '内容',
    reply: '回复客户',
    none: '无',
  },
  en: {
    title: 'Fapiao title',
    buyerName: 'Buyer',
    taxId: 'Taxpayer ID',
    titleAddress: 'Address',
    titlePhone: 'Phone',
    bankName: 'Bank',
    bankAccount: 'Bank account',
    shipping: 'Delivery',
    method: 'Delivery method',
    recipient: 'Recipient',
    phone: 'Phone',
    address: 'Mailing address',
    postalCode: 'Postal code',
    documents: 'Issued fapiao',
    kind: 'Kind',
    number: 'Fapiao number',
    issueDate: 'Issue date',
    amount: 'Amount',
    tax: 'Tax',
    reverses: 'Reverses',
    history: 'History',
    at: 'When (Beijing time)',
    change: 'Change',
    by: 'By',
    remark: 'Remark',
    remarkOnly: 'Remark',
    remarks: 'Remarks for the customer',
    type: 'Type',
    status: 'Status',
    lines: 'Split lines',
    newTitle: 'New title',
    message: 'Message',
    reply: 'Reply to the customer',
    none: 'None',
  },
};

const STAFF_ROLE = {
  'zh-CN': { admin: '管理员', service_center: '服务中心', support: '客服支持' },
  en: { admin: 'Admin', service_center: 'Service centre', support: 'Support' },
};

/** A staff account's `active`, as AdminJS looks a boolean up (`<property>.true`). */
const STAFF_ACTIVE = {
  'zh-CN': { true: '在职', false: '已停用' },
  en: { true: 'Active', false: 'Disabled' },
};

/** The translations to merge into the back office's locale, per language. */
export function valueTranslations(locale: Locale) {
  return {
    resources: {
      applications: {
        labels: {
          status: APPLICATION_STATUS[locale],
          type: FAPIAO_TYPE[locale],
          purpose: PURPOSE[locale],
          shipping: { method: SHIPPING_METHOD[locale] },
        },
      },
      support_requests: {
        labels: { status: SUPPORT_STATUS[locale], type: SUPPORT_TYPE[locale] },
      },
      mail_outbox: { labels: { status: MAIL_STATUS[locale] } },
      customer_accounts: { labels: { status: ACCOUNT_STATUS[locale] } },
      staff_users: { labels: { role: STAFF_ROLE[locale], active: STAFF_ACTIVE[locale] } },
      audit_log: {
        labels: { action: AUDIT_ACTION_NAMES[locale] },
        properties: {
          subject:
            locale === 'en' ? 'Concerning (order, fapiao numbers)' : '涉及（订单号、发票号码）',
        },
      },
    },
    components: {
      ApplicationDetails: DETAILS[locale],
      Values: {
        status: APPLICATION_STATUS[locale],
        supportStatus: SUPPORT_STATUS[locale],
        supportType: SUPPORT_TYPE[locale],
        shippingMethod: SHIPPING_METHOD[locale],
        documentKind: DOCUMENT_KIND[locale],
        actor: ACTOR[locale],
      },
    },
  };
}

type Tree = { [key: string]: string | Tree };

function merge(into: Tree, from: Tree): Tree {
  const out: Tree = { ...into };
  for (const [key, value] of Object.entries(from)) {
    const existing = out[key];
    out[key] =
      typeof value === 'object' && typeof existing === 'object' ? merge(existing, value) : value;
  }
  return out;
}

/** The back office's translations with the value words above merged in, for both languages. */
export function withValueTranslations<T extends Record<Locale, object>>(translations: T): T {
  return Object.fromEntries(
    Object.entries(translations).map(([locale, tree]) => [
      locale,
      merge(tree as Tree, valueTranslations(locale as Locale) as unknown as Tree),
    ]),
  ) as T;
}
