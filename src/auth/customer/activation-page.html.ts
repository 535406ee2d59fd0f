import { DEFAULT_LOCALE, Locale } from '../../common/locale';
import { CUSTOMER_SERVICE_PHONE } from '../../notifications/mail-catalogue';

export type ActivationOutcome =
  'activated' | 'expired' | 'used' | 'superseded' | 'closed' | 'invalid';

interface PageText {
  title: string;
  heading: string;
  body: string;
}

const TEXTS: Record<Locale, Record<ActivationOutcome, PageText> & { help: string }> = {
  'zh-CN': {
    activated: {
      title: '账户已激活',
      heading: '您的账户已激活',
      body: '现在可以使用注册时的邮箱和密码登录，申请发票。',
    },
    expired: {
      title: '激活链接已过期',
      heading: '激活链接已过期',
      body: '激活链接在发出 24 小时后失效。请在注册页面选择“重新发送激活邮件”获取新链接，或使用订单号重新注册。',
    },
    used: {
      title: '激活链接已使用',
      heading: '此激活链接已经使用过',
      body: '每个链接只能使用一次。如果账户已激活，请直接登录。',
    },
    superseded: {
      title: '激活链接已失效',
      heading: '此激活链接已被新链接取代',
      body: '我们已发送了新的激活邮件，请使用最新一封邮件中的链接。',
    },
    closed: {
      title: '此注册已关闭',
      heading: '此注册已关闭',
      body: '使用同一订单号注册的另一个邮箱已激活账户，因此此注册已关闭。如需使用此邮箱开通账户，请使用订单号重新注册。',
    },
    invalid: {
      title: '激活链接无效',
      heading: '此激活链接无效',
      body: '请确认复制了完整的链接，或在注册页面选择“重新发送激活邮件”。',
    },
    help: `如需帮助，请致电客服：${CUSTOMER_SERVICE_PHONE}`,
  },
  en: {
    activated: {
      title: 'Account activated',
      heading: 'Your account is active',
      body: 'You can now log in with the email and password you registered with, and apply for fapiao.',
    },
    expired: {
      title: 'Activation link expired',
      heading: 'This activation link has expired',
      body: 'Activation links work for 24 hours. Ask for a new one with "Resend activation email" on the registration page, or register again with your order number.',
    },
    used: {
      title: 'Activation link already used',
      heading: 'This activation link has already been used',
      body: 'Each link works once. If your account is active, just log in.',
    },
    superseded: {
      title: 'Activation link replaced',
      heading: 'This activation link was replaced by a newer one',
      body: 'We sent you a newer activation email; please use the link in the most recent one.',
    },
    closed: {
      title: 'Registration closed',
      heading: 'This registration was closed',
      body: 'Another email address registered with the same order number has activated its account, so this registration was closed. To have an account with this email, register again with the order number.',
    },
    invalid: {
      title: 'Activation link not valid',
      heading: 'This activation link is not valid',
      body: 'Check that the whole link was copied, or ask for a new one with "Resend activation email" on the registration page.',
    },
    help: `Need help? Call customer service: ${CUSTOMER_SERVICE_PHONE}`,
  },
};

/** A self-contained page (no scripts, no external assets); every text is a constant. */
export function renderActivationPage(
  outcome: ActivationOutcome,
  locale: Locale = DEFAULT_LOCALE,
): string {
  const texts = TEXTS[locale] ?? TEXTS[DEFAULT_LOCALE];
  const text = texts[outcome];
  const accent = outcome === 'activated' ? '#1a7f37' : '#b35900';
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${text.title}</title>
<style>
body{font-family:system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;background:#f6f7f9;color:#1f2328;margin:0;padding:2rem 1rem}
main{max-width:32rem;margin:0 auto;background:#fff;border-radius:8px;padding:2rem;box-shadow:0 1px 3px rgba(0,0,0,.1)}
h1{font-size:1.4rem;color:${accent};margin-top:0}
p{line-height:1.6}
.help{color:#57606a;font-size:.9rem}
</style>
</head>
<body>
<main data-outcome="${outcome}">
<h1>${text.heading}</h1>
<p>${text.body}</p>
<p class="help">${texts.help}</p>
</main>
</body>
</html>
`;
}
