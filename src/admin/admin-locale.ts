import type { Locale as AdminLocale } from 'adminjs' with { 'resolution-mode': 'import' };
import { DEFAULT_LOCALE, LOCALES } from '../common/locale';

/**
 * The back office's wording in zh-CN (default) and en, on top of AdminJS's own translations.
 * Keys follow AdminJS: `labels.<resourceId>`, `resources.<id>.properties|actions.*`,
 * `messages.<key>` (success notices use keys; refusals use the service's error code).
 */
const translations = {
  'zh-CN': {
    labels: {
      staff_users: '员工账号',
      audit_log: '审计日志',
      administration: '系统管理',
      dashboard: '工作台',
    },
    actions: {
      createStaff: '新建员工',
      setPassword: '设置密码',
      disableStaff: '停用',
      enableStaff: '启用',
    },
    buttons: { submit: '提交', login: '登录' },
    properties: {
      id: 'ID',
      email: '邮箱',
      displayName: '姓名',
      role: '角色',
      'role.admin': '管理员',
      'role.service_center': '服务中心',
      'role.support': '客服支持',
      active: '启用',
      lastLoginAt: '最近登录',
      createdAt: '创建时间',
      updatedAt: '更新时间',
      password: '新密码',
      staffId: '员工ID',
      staffEmail: '员工邮箱',
      action: '操作',
      resource: '资源',
      recordId: '记录ID',
      before: '变更前',
      after: '变更后',
      ip: 'IP 地址',
      at: '时间',
    },
    messages: {
      staffCreated: '员工账号已创建',
      staffPasswordSet: '密码已更新',
      staffDisabled: '员工账号已停用，其登录会话已结束',
      staffEnabled: '员工账号已启用',
      tooManyLoginAttempts: '登录失败次数过多，请 15 分钟后再试',
      invalidCredentials: '邮箱或密码错误',
      STAFF_INVALID: '请检查填写的内容',
      STAFF_EMAIL_TAKEN: '该邮箱已被其他员工账号使用',
      STAFF_NOT_FOUND: '员工账号不存在',
      STAFF_ALREADY_IN_STATE: '员工账号已处于该状态',
      STAFF_LAST_ADMIN: '不能停用最后一个管理员',
      STAFF_SELF_DISABLE: '不能停用自己的账号',
    },
    components: {
      Login: {
        welcomeHeader: '发票服务中心',
        welcomeMessage: '员工后台：开票、寄送与客户支持',
        properties: { email: '邮箱', password: '密码' },
      },
      Dashboard: {
        title: '工作台',
        loading: '加载中…',
        empty: '暂无数据',
        generatedAt: '更新于',
        sections: {
          applications: '发票申请',
          support: '客服请求',
          mail: '邮件',
          backOffice: '后台',
        },
        metrics: {
          activeStaff: '在职员工',
          failedLogins24h: '24 小时内登录失败',
          blockedLogins24h: '24 小时内被限制的登录',
        },
      },
      LanguageSelector: { availableLanguages: { 'zh-CN': '简体中文', en: 'English' } },
    },
  },
  en: {
    labels: {
      staff_users: 'Staff users',
      audit_log: 'Audit log',
      administration: 'Administration',
      dashboard: 'Dashboard',
    },
    actions: {
      createStaff: 'New staff member',
      setPassword: 'Set password',
      disableStaff: 'Disable',
      enableStaff: 'Enable',
    },
    buttons: { submit: 'Submit' },
    properties: {
      id: 'ID',
      email: 'Email',
      displayName: 'Name',
      role: 'Role',
      'role.admin': 'Admin',
      'role.service_center': 'Service centre',
      'role.support': 'Support',
      active: 'Active',
      lastLoginAt: 'Last login',
      createdAt: 'Created',
      updatedAt: 'Updated',
      password: 'New password',
      staffId: 'Staff ID',
      staffEmail: 'Staff email',
      action: 'Action',
      resource: 'Resource',
      recordId: 'Record ID',
      before: 'Before',
      after: 'After',
      ip: 'IP address',
      at: 'At',
    },
    messages: {
      staffCreated: 'Staff account created',
      staffPasswordSet: 'Password updated',
      staffDisabled: 'Staff account disabled and signed out',
      staffEnabled: 'Staff account enabled',
      tooManyLoginAttempts: 'Too many failed logins; try again in 15 minutes',
      STAFF_INVALID: 'Please check the fields',
      STAFF_EMAIL_TAKEN: 'Another staff account already uses this email',
      STAFF_NOT_FOUND: 'No such staff account',
      STAFF_ALREADY_IN_STATE: 'The account is already in that state',
      STAFF_LAST_ADMIN: 'The last active admin cannot be disabled',
      STAFF_SELF_DISABLE: 'You cannot disable your own account',
    },
    components: {
      Login: {
        welcomeHeader: 'Fapiao Service Centre',
        welcomeMessage: 'Back office for issuing, mailing and customer support',
      },
      Dashboard: {
        title: 'Dashboard',
        loading: 'Loading…',
        empty: 'Nothing to show yet',
        generatedAt: 'Updated at',
        sections: {
          applications: 'Fapiao applications',
          support: 'Support requests',
          mail: 'Mail',
          backOffice: 'Back office',
        },
        metrics: {
          activeStaff: 'Active staff',
          failedLogins24h: 'Failed logins (24 h)',
          blockedLogins24h: 'Blocked logins (24 h)',
        },
      },
      LanguageSelector: { availableLanguages: { 'zh-CN': '简体中文', en: 'English' } },
    },
  },
};

/**
 * zh-CN by default. Staff switch with the language menu in the top bar (or `?lng=en`); the
 * choice is kept in the browser's localStorage. The browser's own language is deliberately not
 * consulted, so everyone starts in zh-CN.
 */
export function adminLocale(): AdminLocale {
  return {
    language: DEFAULT_LOCALE,
    availableLanguages: [...LOCALES],
    localeDetection: true,
    translations,
    // Passed through to i18next's LanguageDetector.
    detection: { order: ['querystring', 'localStorage'], caches: ['localStorage'] },
  };
}

/** Exposed for the tests that check both languages cover the same keys. */
export const ADMIN_TRANSLATIONS = translations;
