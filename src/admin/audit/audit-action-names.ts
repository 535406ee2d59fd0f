import type { Locale } from '../../common/locale';

/**
 * Every audit action, in words, in both languages. Keys are the stored verbs split at their dot
 * (`application.issue` → application → issue), as AdminJS looks labels up by dotted path.
 */
export const AUDIT_ACTION_NAMES: Record<Locale, Record<string, Record<string, string>>> = {
  'zh-CN': {
    staff: {
      login: '员工登录',
      login_failed: '登录失败',
      login_blocked: '登录被限制',
      login_password_accepted: '密码正确，待两步验证',
      two_factor_failed: '两步验证失败',
      two_factor_blocked: '两步验证被限制',
      two_factor_enrolled: '设置两步验证',
      create: '新建员工账号',
      disable: '停用员工账号',
      enable: '启用员工账号',
      set_password: '设置员工密码',
      reset_two_factor: '重置两步验证',
    },
    application: {
      start_processing: '开始处理申请',
      issue: '开票',
      mailed_out: '标记已寄出',
      ready_for_pickup: '标记可自取',
      picked_up: '标记已自取',
      put_on_hold: '暂缓申请',
      release: '恢复处理申请',
      reject: '驳回申请',
      remark: '添加备注',
      correct_tracking_number: '更正运单号',
      correct_document_number: '更正发票号码',
      export_finance_csv: '导出财务对账表',
      download_files: '下载发票文件',
    },
    support_request: {
      reply: '回复客户',
      start_progress: '受理客服请求',
      awaiting_return: '等待寄回原发票',
      returned: '原发票已寄回',
      issue_retitle: '红冲并重开（改抬头）',
      issue_split: '开具拆分发票',
      remail: '重新寄送',
      resolve: '办结客服请求',
      reject: '拒绝客服请求',
    },
    customer_account: { resend_activation: '重发激活邮件', disable: '停用客户账号' },
    mail: { retry: '重新发送邮件' },
    out_of_use_period: { create: '新建暂停开票期间', edit: '修改暂停开票期间' },
    calendar_override: { create: '新建工作日调整', edit: '修改工作日调整' },
  },
  en: {
    staff: {
      login: 'Staff signed in',
      login_failed: 'Sign-in failed',
      login_blocked: 'Sign-in blocked',
      login_password_accepted: 'Password accepted, second step pending',
      two_factor_failed: 'Two-step verification failed',
      two_factor_blocked: 'Two-step verification blocked',
      two_factor_enrolled: 'Two-step verification set up',
      create: 'Staff account created',
      disable: 'Staff account disabled',
      enable: 'Staff account enabled',
      set_password: 'Staff password set',
      reset_two_factor: 'Reset two-factor sign-in',
    },
    application: {
      start_processing: 'Processing started',
      issue: 'Issued',
      mailed_out: 'Marked mailed out',
      ready_for_pickup: 'Marked ready for pick-up',
      picked_up: 'Marked picked up',
      put_on_hold: 'Put on hold',
      release: 'Released',
      reject: 'Rejected',
      remark: 'Remark added',
      correct_tracking_number: 'Tracking number corrected',
      correct_document_number: 'Fapiao number corrected',
      export_finance_csv: 'Finance CSV exported',
      download_files: 'Fapiao files downloaded',
    },
    support_request: {
      reply: 'Replied to the customer',
      start_progress: 'Support request taken on',
      awaiting_return: 'Waiting for the original',
      returned: 'Original returned',
      issue_retitle: 'Reversed and reissued (retitle)',
      issue_split: 'Split fapiao issued',
      remail: 'Mailed again',
      resolve: 'Support request resolved',
      reject: 'Support request rejected',
    },
    customer_account: {
      resend_activation: 'Activation mail resent',
      disable: 'Customer account disabled',
    },
    mail: { retry: 'Mail sent again' },
    out_of_use_period: { create: 'Out-of-use period created', edit: 'Out-of-use period edited' },
    calendar_override: { create: 'Calendar override created', edit: 'Calendar override edited' },
  },
};

/** The stored verbs, e.g. `application.issue`. */
export const AUDIT_ACTIONS: readonly string[] = Object.entries(AUDIT_ACTION_NAMES['zh-CN']).flatMap(
  ([group, names]) => Object.keys(names).map((name) => `${group}.${name}`),
);
