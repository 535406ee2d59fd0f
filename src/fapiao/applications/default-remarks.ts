import type { Locale } from '../../common/locale';

/**
 * The remark a staff action leaves in the history when staff write none themselves, in the
 * customer's language: the customer reads it as the application's progress ("Issued", "Mailed
 * out" with carrier and tracking number).
 */
export const defaultRemarks = {
  processing: (locale: Locale) => (locale === 'en' ? 'Being processed' : '正在处理'),
  issued: (locale: Locale, numbers: string[]) =>
    locale === 'en'
      ? `Issued: fapiao no. ${numbers.join(', ')}`
      : `已开具，发票号码：${numbers.join('、')}`,
  mailedOut: (locale: Locale, carrier: string, trackingNumber: string) =>
    locale === 'en'
      ? `Mailed out by ${carrier}, tracking number ${trackingNumber}`
      : `已寄出：${carrier}，运单号 ${trackingNumber}`,
  readyForPickup: (locale: Locale, branchAddress: string) =>
    locale === 'en'
      ? `Ready for pick-up at ${branchAddress}`
      : `可到以下地址自取：${branchAddress}`,
  pickedUp: (locale: Locale) => (locale === 'en' ? 'Picked up' : '已自取'),
  dueDateMoved: (locale: Locale, from: string, to: string, year: number, notice: string) =>
    locale === 'en'
      ? `Due date moved from ${from} to ${to}: the official ${year} holiday arrangement was published (${notice})`
      : `应办结日期由 ${from} 调整为 ${to}：${year} 年节假日安排已正式发布（${notice}）`,
  released: (locale: Locale) =>
    locale === 'en' ? 'Fapiao can be issued again; processing resumes' : '发票恢复开具，继续处理',
};
