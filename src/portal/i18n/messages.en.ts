import type { PortalMessageKey } from './messages.zh-CN';

/** Every text of the portal in English; the keys are the Chinese file's (type-checked). */
export const en: Record<PortalMessageKey, string> = {
  'site.name': 'Fapiao service',
  'site.tagline': 'Apply online for the VAT fapiao of a paid order',
  'site.skip': 'Skip to content',
  'site.footer': 'Customer service: {phone}',
  'nav.home': 'Home',
  'nav.billingRecords': 'Billing records',
  'nav.applications': 'Applications',
  'nav.supportRequests': 'Support requests',
  'nav.account': 'Account',
  'nav.help': 'Help',
  'nav.signIn': 'Sign in',
  'nav.register': 'Register',
  'nav.signOut': 'Sign out',
  'nav.main': 'Main navigation',
  'language.label': 'Language',
  'language.switchTo': '中文',
  'notice.heading': 'Fapiao cannot be issued at the moment',
  'notice.expected': 'Expected issue date: {date}',
  'flash.close': 'Close',
  'form.required': 'required',
  'form.errorSummary': 'Please correct the fields marked below and submit again.',
  'form.submit': 'Submit',

  'home.title': 'Fapiao service',
  'home.intro':
    'After paying in our online shop you can apply here for a normal or special VAT fapiao, follow its issuing and delivery, and ask for a split or a new title.',
  'home.steps.heading': 'How to get your fapiao',
  'home.steps.1':
    'Register with the order number from the order confirmation email, then open the link in the activation email.',
  'home.steps.2':
    'Sign in and look at your billing records. Payments usually sync about three days after payment; then you can apply.',
  'home.steps.3': 'Choose the fapiao type, fill in the title and the delivery, then confirm.',
  'home.steps.4':
    'Follow the progress at any time: issued, mailed out (with the tracking number) or ready for pick-up.',
  'home.signedIn': 'You are signed in as {email}.',
  'home.toBillingRecords': 'See billing records',

  'login.title': 'Sign in',
  'login.email': 'Email',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.forgotPassword': 'Forgot your password?',
  'login.signInLink': 'Locked out? Sign in with a link by mail',
  'login.forgotEmail': 'Forgot your sign-in email?',
  'login.noAccount': 'No account yet?',
  'login.register': 'Register with your order number',
  'login.resend': 'No activation email?',
  'login.signInFirst': 'Please sign in first.',
  'login.signedOut': 'You are signed out.',

  'register.title': 'Register',
  'register.intro':
    'Register with the order number from the order confirmation email. The sign-in email and password may differ from your shop account.',
  'register.orderNumber': 'Order number',
  'register.orderNumberHint': 'In the order confirmation email, e.g. SO20261124000123',
  'register.email': 'Sign-in email',
  'register.password': 'Password',
  'register.passwordHint': '8–128 characters, not a common password',
  'register.language': 'Language of emails',
  'register.submit': 'Register',
  'register.haveAccount': 'Already registered?',
  'register.signIn': 'Sign in',
  'register.checkMail.title': 'Check your email',
  'register.checkMail.body':
    'We sent an email to {email}. Open its link within 24 hours to activate your account.',
  'register.checkMail.noMail':
    'Nothing arrived? Look in the spam folder, or send the activation email again. If you mistyped the email, simply register again with the right one.',
  'register.checkMail.resend': 'Resend activation email',

  'resend.title': 'Resend activation email',
  'resend.intro': 'Enter the email you registered with. The new link replaces the old one.',
  'resend.email': 'Email',
  'resend.submit': 'Send',
  'resend.sent':
    'If a registration waiting for activation exists for this email, a new activation link is on its way. Still nothing? Call customer service at {phone}.',

  'activate.help': 'Need help? Call customer service: {phone}',
  'activate.signIn': 'Sign in',
  'activate.resend': 'Resend activation email',
  'activate.activated.title': 'Account activated',
  'activate.activated.heading': 'Your account is active',
  'activate.activated.body':
    'You can now sign in with the email and password you registered with, and apply for fapiao.',
  'activate.expired.title': 'Activation link expired',
  'activate.expired.heading': 'This activation link has expired',
  'activate.expired.body':
    'Activation links work for 24 hours. Ask for a new one with "Resend activation email" on the registration page, or register again with your order number.',
  'activate.used.title': 'Activation link already used',
  'activate.used.heading': 'This activation link has already been used',
  'activate.used.body': 'Each link works once. If your account is active, just sign in.',
  'activate.superseded.title': 'Activation link replaced',
  'activate.superseded.heading': 'This activation link was replaced by a newer one',
  'activate.superseded.body':
    'We sent you a newer activation email; please use the link in the most recent one.',
  'activate.closed.title': 'Registration closed',
  'activate.closed.heading': 'This registration was closed',
  'activate.closed.body':
    'Another email address registered with the same order number has activated its account, so this registration was closed. To have an account with this email, register again with the order number.',
  'activate.invalid.title': 'Activation link not valid',
  'activate.invalid.heading': 'This activation link is not valid',
  'activate.invalid.body':
    'Check that the whole link was copied, or ask for a new one with "Resend activation email" on the registration page.',

  'forgotPassword.title': 'Forgot your password',
  'forgotPassword.intro':
    'Enter your sign-in email and we will send a link to choose a new password (it works once, for one hour).',
  'forgotPassword.email': 'Sign-in email',
  'forgotPassword.submit': 'Send the link',
  'forgotPassword.sent':
    'If an active account uses this email, a password reset link is on its way. It works once, for one hour.',

  'signInLink.title': 'Sign in with a link by mail',
  'signInLink.intro':
    'Locked out after too many attempts, or in a hurry? We mail a single-use sign-in link (valid for 15 minutes) to your sign-in email.',
  'signInLink.submit': 'Mail me a sign-in link',
  'signInLink.sent':
    'If an active account uses this email, a sign-in link is on its way. It works once, for 15 minutes.',
  'signInLink.ready': 'Press the button to sign in. The link then stops working.',
  'signInLink.signIn': 'Sign in',
  'signInLink.done': 'You are signed in. Failed sign-in attempts no longer lock your account.',
  'companyAccounts.title': 'Your company’s accounts',
  'companyAccounts.intro':
    'Anyone with one of your order numbers can register an account that sees your company’s bills, titles and addresses. If you do not know an account below, report it: customer service will check it and can disable it.',
  'companyAccounts.back': '← Back to your account',
  'companyAccounts.email': 'Sign-in email',
  'companyAccounts.since': 'Since',
  'companyAccounts.action': 'Action',
  'companyAccounts.you': 'you',
  'companyAccounts.message': 'What you know (optional)',
  'companyAccounts.report': 'Report to customer service',
  'companyAccounts.reported':
    'Thank you. Customer service has the report and will check the account.',
  'companyAccounts.link': 'See and report your company’s accounts',
  'resetPassword.title': 'Choose a new password',
  'resetPassword.intro': 'Enter your new password. Every other sign-in of this account then ends.',
  'resetPassword.newPassword': 'New password',
  'resetPassword.submit': 'Set the new password',
  'resetPassword.done': 'Your password is changed. Sign in with the new one.',
  'resetPassword.noToken': 'Please open the link in the password reset email.',

  'confirmEmail.title': 'Confirm your new sign-in email',
  'confirmEmail.intro':
    'Once confirmed, you sign in with the new email; the old address is told about the change.',
  'confirmEmail.submit': 'Confirm the new email',
  'confirmEmail.done': 'Your sign-in email is changed. Sign in with the new one.',
  'confirmEmail.doneSignedIn': 'Your sign-in email is changed.',
  'confirmEmail.noToken': 'Please open the link in the confirmation email.',

  'forgotEmail.title': 'Forgot your sign-in email',
  'forgotEmail.body':
    'We cannot look up a sign-in email online. Please call customer service at {phone}; they can find your account with your order number.',

  'account.title': 'Account',
  'account.email': 'Sign-in email',
  'account.language': 'Language',
  'account.changeEmail.heading': 'Change the sign-in email',
  'account.changeEmail.intro':
    'A confirmation link goes to the new address; the change happens when it is opened.',
  'account.changeEmail.newEmail': 'New email',
  'account.changeEmail.password': 'Current password',
  'account.changeEmail.submit': 'Send the confirmation link',
  'account.changeEmail.sent':
    'A confirmation link was sent to {email}. The change takes effect once it is used.',
  'account.changePassword.heading': 'Change the password',
  'account.changePassword.intro':
    'Every other sign-in and access token of this account then ends; this one stays.',
  'account.changePassword.current': 'Current password',
  'account.changePassword.new': 'New password',
  'account.changePassword.submit': 'Change the password',
  'account.changePassword.done': 'Your password is changed; other sign-ins have ended.',
  'account.signOutEverywhere.heading': 'Sign out everywhere',
  'account.signOutEverywhere.intro':
    'Ends every sign-in and access token of this account, this one included.',
  'account.signOutEverywhere.submit': 'Sign out everywhere',
  'account.signOutEverywhere.done': 'You are signed out on every device.',

  'apply.title': 'Apply for a fapiao',
  'apply.signInOrRegister':
    'To apply for the fapiao of order {orderNumber}, sign in first; no account yet? Register with this order number.',

  'apply.invalid':
    'The order number in this link is not valid. Open the link again from the order list of the shop console.',
  'apply.signIn': 'Sign in to apply',
  'apply.register': 'Register with this order number',

  'help.title': 'Help',
  'help.intro': 'Frequently asked questions. Not answered here? Call customer service at {phone}.',
  'help.support.q': 'What can support do?',
  'help.support.a':
    'Split a bill into several fapiao (the amounts must add up to the bill), change the title of an issued fapiao (a paper original must be returned; a digital one is reversed with a red-letter confirmation form that the buyer may have to confirm on its e-tax platform within 72 hours), a fapiao you have not received, and other questions.',
  'help.changeCredentials.q': 'How do I change my sign-in email or password?',
  'help.changeCredentials.a':
    'Sign in and open the Account page. A new email is confirmed through a link sent to it; a password change signs you out on your other devices. If you forgot the password, choose "Forgot your password?" on the sign-in page.',
  'help.orderNumber.q': 'Where do I find the order number?',
  'help.orderNumber.a':
    'In the order confirmation email you received after paying, and in the order list of the shop console, e.g. SO20261124000123.',
  'help.wrongEmail.q': 'I mistyped my email when registering. What now?',
  'help.wrongEmail.a':
    'Register again with the right email and the same order number. The mistyped registration is never activated, lapses after 24 hours and does not block the new one.',
  'help.noActivation.q': 'The activation email did not arrive. What now?',
  'help.noActivation.a':
    'Look in the spam folder first, then use "Resend activation email". If it still does not arrive, call customer service at {phone}.',

  'error.notFound.title': 'Page not found',
  'error.notFound.body': 'The page you asked for does not exist or has moved.',
  'error.forbidden.title': 'Request refused',
  'error.forbidden.body':
    'For your security this form could not be sent: the page may have expired, or the request came from another site. Go back, reload the page and try again.',
  'error.tooMany.title': 'Too many requests',
  'error.tooMany.body':
    'Too many requests from this address. Please try again in {seconds} seconds.',
  'error.server.title': 'Something went wrong',
  'error.server.body':
    'Something went wrong on our side and it has been logged. Please try again later.',
  'error.badRequest.title': 'Request not valid',
  'error.badRequest.body': 'This request could not be handled. Go back and try again.',
  'error.conflict.title': 'Could not be done',
  'error.backHome': 'Back to the home page',

  'problem.VALIDATION_FAILED': 'Please check what you entered.',
  'problem.ORDER_NOT_FOUND':
    'There is no order with this number. Copy it from the order confirmation email.',
  'problem.PASSWORD_POLICY': 'The password needs 8–128 characters and must not be a common one.',
  'problem.INVALID_CREDENTIALS': 'The email or password is not correct.',
  'problem.ACCOUNT_NOT_ACTIVATED':
    'This account is not activated yet. Open the link in the activation email, or have it sent again.',
  'problem.ACCOUNT_DISABLED': 'This account has been disabled. Please contact customer service.',
  'problem.TOO_MANY_FAILED_LOGINS':
    'Too many failed sign-ins for this account. Try again in {minutes} minute(s), sign in with a link by mail, or reset the password.',
  'problem.TOKEN_INVALID': 'This link is not valid. Check that the whole link was copied.',
  'problem.TOKEN_EXPIRED': 'This link has expired. Please ask for a new one.',
  'problem.TOKEN_ALREADY_USED': 'This link has already been used. Each link works once.',
  'problem.TOKEN_SUPERSEDED': 'This link was replaced by a newer one. Use the most recent email.',
  'problem.CURRENT_PASSWORD_INCORRECT': 'The current password is not correct.',
  'problem.EMAIL_TAKEN': 'Another account already uses this email address.',
  'problem.EMAIL_UNCHANGED': 'This is already the sign-in email of the account.',
  'problem.TOO_MANY_REQUESTS': 'Too many requests. Please try again later.',
  'problem.other': 'This could not be done.',

  'invalid.email': 'Enter a valid email address.',
  'invalid.newEmail': 'Enter a valid email address.',
  'invalid.orderNumber': 'Enter the order number (at most 64 characters).',
  'invalid.password': 'Enter the password.',
  'invalid.newPassword': 'Enter a new password (8–128 characters).',
  'invalid.currentPassword': 'Enter the current password.',
  'invalid.locale': 'Choose a language.',
  'invalid.token': 'The link is not valid.',
  'invalid.other': 'Check this field.',
};
