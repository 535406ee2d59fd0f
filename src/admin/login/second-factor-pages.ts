import type { Locale } from '../../common/locale';
import type { TotpEnrolment } from '../../auth/staff/staff-two-factor.service';

type Texts = Record<
  | 'title'
  | 'enrolTitle'
  | 'enrolIntro'
  | 'secretLabel'
  | 'codeLabel'
  | 'codeHint'
  | 'enrolCodeHint'
  | 'submit'
  | 'wrongCode'
  | 'throttled'
  | 'startAgain'
  | 'recoveryTitle'
  | 'recoveryIntro'
  | 'continue',
  string
>;

const TEXTS: Record<Locale, Texts> = {
  'zh-CN': {
    title: '两步验证',
    enrolTitle: '设置两步验证',
    enrolIntro:
      '请用身份验证器应用（如 Google Authenticator、Microsoft Authenticator）扫描二维码，或手动输入下面的密钥，然后输入应用显示的 6 位验证码。',
    secretLabel: '密钥',
    codeLabel: '验证码',
    codeHint: '请输入身份验证器应用显示的 6 位验证码，或一个恢复码。',
    enrolCodeHint: '请输入应用中显示的 6 位验证码，以确认设置成功。',
    submit: '验证',
    wrongCode: '验证码不正确或已使用过，请输入应用中的新验证码。',
    throttled: '错误次数过多，请稍后再试。',
    startAgain: '重新登录',
    recoveryTitle: '请保存恢复码',
    recoveryIntro:
      '手机丢失时，可用以下恢复码代替验证码登录，每个只能使用一次。它们只显示这一次，请妥善保存。',
    continue: '进入后台',
  },
  en: {
    title: 'Two-step verification',
    enrolTitle: 'Set up two-step verification',
    enrolIntro:
      'Scan the QR code with an authenticator app (such as Google Authenticator or Microsoft Authenticator), or type in the key below, then enter the 6-digit code the app shows.',
    secretLabel: 'Key',
    codeLabel: 'Code',
    codeHint: 'Enter the 6-digit code from your authenticator app, or a recovery code.',
    enrolCodeHint: 'Enter the 6-digit code the app shows, to confirm the set-up.',
    submit: 'Verify',
    wrongCode: 'That code is wrong or was used already: enter a new code from the app.',
    throttled: 'Too many wrong codes. Please try again later.',
    startAgain: 'Sign in again',
    recoveryTitle: 'Save your recovery codes',
    recoveryIntro:
      'If you lose your phone, each of these codes signs you in once instead of a code from the app. They are shown only this once: keep them somewhere safe.',
    continue: 'Go to the back office',
  },
};

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(locale: Locale, title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<style>
body{font-family:system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;background:#f6f7fb;color:#1c1c38;margin:0}
main{max-width:28rem;margin:4rem auto;background:#fff;padding:2rem;border-radius:8px;box-shadow:0 1px 4px rgba(0,0,0,.12)}
h1{font-size:1.4rem;margin-top:0}label{display:block;font-weight:600;margin:1rem 0 .3rem}
input{font-size:1.2rem;padding:.5rem;width:100%;box-sizing:border-box;border:1px solid #5c5d6b;border-radius:4px}
button,.button{display:inline-block;margin-top:1rem;background:#3040d6;color:#fff;border:0;border-radius:4px;padding:.6rem 1.2rem;font-size:1rem;text-decoration:none;cursor:pointer}
.error{color:#a4161a;font-weight:600}.hint{color:#5c5d6b}code,.codes{font-family:ui-monospace,monospace;font-size:1.05rem}
.codes{columns:2;padding-left:1.2rem}img{display:block;margin:1rem auto}
</style></head><body><main>${body}</main></body></html>`;
}

export interface SecondFactorPageInput {
  locale: Locale;
  action: string;
  loginPath: string;
  enrolment?: TotpEnrolment;
  error?: 'wrongCode' | 'throttled';
}

/** The second step of the back-office sign-in: the code, or first the authenticator's set-up. */
export function secondFactorPage(input: SecondFactorPageInput): string {
  const t = TEXTS[input.locale];
  const title = input.enrolment ? t.enrolTitle : t.title;
  const enrolment = input.enrolment
    ? `<p>${escape(t.enrolIntro)}</p>
<img src="${input.enrolment.qrCodeDataUrl}" width="200" height="200" alt="${escape(t.enrolTitle)}" data-testid="totp-qr-code">
<p>${escape(t.secretLabel)}: <code data-testid="totp-secret">${escape(input.enrolment.secret)}</code></p>`
    : '';
  const error = input.error
    ? `<p class="error" role="alert" data-testid="second-factor-error">${escape(t[input.error])}</p>`
    : '';
  const hint = input.enrolment ? t.enrolCodeHint : t.codeHint;
  return page(
    input.locale,
    title,
    `<h1>${escape(title)}</h1>${enrolment}${error}
<form method="POST" action="${escape(input.action)}">
<label for="code">${escape(t.codeLabel)}</label>
<input id="code" name="code" autocomplete="one-time-code" inputmode="${input.enrolment ? 'numeric' : 'text'}" required autofocus aria-describedby="code-hint">
<p id="code-hint" class="hint">${escape(hint)}</p>
<button type="submit">${escape(t.submit)}</button>
</form>
<p><a href="${escape(input.loginPath)}">${escape(t.startAgain)}</a></p>`,
  );
}

/** The new recovery codes, shown once after enrolment. */
export function recoveryCodesPage(locale: Locale, codes: string[], continueTo: string): string {
  const t = TEXTS[locale];
  const list = codes.map((code) => `<li>${escape(code)}</li>`).join('');
  return page(
    locale,
    t.recoveryTitle,
    `<h1>${escape(t.recoveryTitle)}</h1><p>${escape(t.recoveryIntro)}</p>
<ul class="codes" data-testid="recovery-codes">${list}</ul>
<a class="button" href="${escape(continueTo)}">${escape(t.continue)}</a>`,
  );
}
