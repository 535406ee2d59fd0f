/**
 * Texts of the red-letter confirmation forms on the application and support-request pages, in
 * Simplified Chinese. The English file (red-letter.en.ts) must have exactly these keys.
 */
export const redLetterZhCN = {
  'journey.redLetter.heading': '红字发票信息确认单',
  'journey.redLetter.intro':
    '数电发票不能作废，只能红冲：我们开具红字发票信息确认单后，再开具红字发票冲销原发票。',
  'journey.redLetter.original': '原发票号码',
  'journey.redLetter.reason': '冲红原因',
  'journey.redLetter.amount': '冲红金额',
  'journey.redLetter.status': '状态',
  'journey.redLetter.deadline': '确认截止（北京时间）',
  'journey.redLetter.redNumber': '红字发票号码',
  'journey.redLetter.raisedOn': '开具日期',
  'journey.redLetter.status.waiting_for_buyer': '待购买方确认',
  'journey.redLetter.status.confirmed': '已确认',
  'journey.redLetter.status.lapsed': '已逾期',
  'journey.redLetter.status.void': '已撤销',
  'journey.redLetter.reason.01': '开票有误',
  'journey.redLetter.reason.02': '销货退回',
  'journey.redLetter.reason.03': '服务中止',
  'journey.redLetter.reason.04': '销售折让',
  'journey.redLetter.todo.waiting':
    '请在 {deadline}（北京时间）之前登录贵单位的电子税务局，进入“税务数字账户 — 红字发票信息确认单”，找到原发票 {original} 的确认单并点击“确认”。逾期未确认，确认单将作废，需要重新办理。',
  'journey.redLetter.todo.confirmed': '确认单已确认（或无需确认），我们将开具红字发票和新发票。',
  'journey.redLetter.todo.redIssued': '红字发票 {red} 已开具，发票文件已发送到您的邮箱。',
  'journey.redLetter.todo.lapsed':
    '确认单未在 72 小时内确认，已作废。原发票仍然有效；如仍需冲红，请回复支持请求。',
  'journey.redLetter.todo.void': '确认单已撤销。',
};
