import type { Locale } from '../../common/locale';
import { formatBeijingTime } from '../../common/time/business-date';

/** The form's history entries and the support request's replies, in the customer's language. */
export function formMessages(locale: Locale) {
  const en = locale === 'en';
  const yuan = (fen: number) =>
    `¥${Math.floor(fen / 100).toLocaleString('en-US')}.${String(fen % 100).padStart(2, '0')}`;
  return {
    raised: (original: string, amountFen: number, deadline: Date | null) =>
      deadline
        ? en
          ? `Red-letter confirmation form raised for fapiao no. ${original} (${yuan(amountFen)}): the buyer confirms it on its e-tax platform before ${formatBeijingTime(deadline)} (Beijing time).`
          : `已就发票 ${original}（${yuan(amountFen)}）开具红字发票信息确认单：请购买方在 ${formatBeijingTime(deadline)}（北京时间）之前在电子税务局确认。`
        : en
          ? `Red-letter confirmation form raised for fapiao no. ${original} (${yuan(amountFen)}); no confirmation by the buyer is needed.`
          : `已就发票 ${original}（${yuan(amountFen)}）开具红字发票信息确认单，无需购买方确认。`,
    confirmed: (original: string) =>
      en
        ? `The buyer confirmed the red-letter form for fapiao no. ${original}.`
        : `购买方已确认发票 ${original} 的红字发票信息确认单。`,
    voided: (original: string, reason: string) =>
      en
        ? `The red-letter form for fapiao no. ${original} was withdrawn: ${reason}`
        : `发票 ${original} 的红字发票信息确认单已撤销：${reason}`,
    lapsed: (original: string) =>
      en
        ? `The red-letter form for fapiao no. ${original} was not confirmed within 72 hours and lapsed.`
        : `发票 ${original} 的红字发票信息确认单未在 72 小时内确认，已逾期作废。`,
    redIssued: (red: string, original: string, amountFen: number) =>
      en
        ? `Red-letter fapiao no. ${red} issued, reversing fapiao no. ${original} by ${yuan(amountFen)}.`
        : `已开具红字发票 ${red}，冲销发票 ${original}，金额 ${yuan(amountFen)}。`,
  };
}
