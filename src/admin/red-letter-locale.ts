/**
 * The back office's words for the red-letter steps (support requests), in both languages; merged
 * into admin-locale.ts's translations so that file stays as it was.
 */
export const RED_LETTER_TRANSLATIONS = {
  'zh-CN': {
    actions: {
      openRedLetterForm: '开具红字确认单（数电）',
      confirmRedLetterForm: '登记购买方已确认',
      recordRedFapiao: '登记红字发票（数电）',
      issueDigitalRetitle: '开具新发票（数电改抬头）',
      voidRedLetterForm: '撤销红字确认单',
    },
    properties: {
      reasonCode: '冲红原因',
      redLetterAmountFen: '冲红金额（元，留空为全额）',
      buyerBooked: '购买方是否已勾选抵扣（入账）',
      red: '红字发票',
      blue: '新发票',
      redLetterReason01: '01 开票有误',
      redLetterReason02: '02 销货退回',
      redLetterReason03: '03 服务中止',
      redLetterReason04: '04 销售折让',
      buyerBookedYes: '已勾选（需购买方在 72 小时内确认）',
      buyerBookedNo: '未勾选（无需确认）',
    },
    messages: {
      redLetterFormOpened: '已开具红字发票信息确认单，客户将收到操作说明',
      redLetterFormConfirmed: '已登记购买方确认，可以开具红字发票',
      redLetterRedRecorded: '已登记红字发票，客户将收到发票文件',
      redLetterFormVoided: '确认单已撤销',
      RED_LETTER_FORM_NOT_FOUND: '此请求没有有效的红字确认单',
      RED_LETTER_FORM_INVALID: '请检查填写的内容',
      ILLEGAL_RED_LETTER_TRANSITION:
        '红字确认单的状态不允许此操作（可能已确认、逾期或撤销），请刷新后查看',
      RED_LETTER_FORM_OPEN: '该发票已有有效的红字确认单，请先撤销',
      NOT_A_DIGITAL_FAPIAO: '纸质发票须先寄回原件，再按原流程红冲重开',
    },
    components: {
      ApplicationDetails: {
        redLetterForms: '红字发票信息确认单',
        originalNumber: '原发票号码',
        reason: '冲红原因',
        formStatus: '状态',
        deadline: '确认截止（北京时间）',
        redNumber: '红字发票号码',
      },
      Values: {
        redLetterStatus: {
          waiting_for_buyer: '待购买方确认',
          confirmed: '已确认',
          lapsed: '已逾期',
          void: '已撤销',
        },
      },
    },
  },
  en: {
    actions: {
      openRedLetterForm: 'Raise red-letter form (digital)',
      confirmRedLetterForm: 'Record buyer’s confirmation',
      recordRedFapiao: 'Record red-letter fapiao (digital)',
      issueDigitalRetitle: 'Issue new fapiao (digital retitle)',
      voidRedLetterForm: 'Void red-letter form',
    },
    properties: {
      reasonCode: 'Reason',
      redLetterAmountFen: 'Amount to reverse (yuan; blank: all of it)',
      buyerBooked: 'Has the buyer booked the fapiao?',
      red: 'Red-letter fapiao',
      blue: 'New fapiao',
      redLetterReason01: '01 Wrong issue',
      redLetterReason02: '02 Returned goods',
      redLetterReason03: '03 Service stopped',
      redLetterReason04: '04 Sales discount',
      buyerBookedYes: 'Booked (the buyer confirms within 72 hours)',
      buyerBookedNo: 'Not booked (no confirmation needed)',
    },
    messages: {
      redLetterFormOpened: 'Red-letter form raised; the customer is told what to do',
      redLetterFormConfirmed: 'Buyer’s confirmation recorded; the red-letter fapiao can follow',
      redLetterRedRecorded: 'Red-letter fapiao recorded; the customer gets its files',
      redLetterFormVoided: 'Red-letter form voided',
      RED_LETTER_FORM_NOT_FOUND: 'This request has no red-letter form that stands',
      RED_LETTER_FORM_INVALID: 'Please check the entries',
      ILLEGAL_RED_LETTER_TRANSITION:
        'The red-letter form’s state does not allow this (confirmed, lapsed or void already?); reload to see it',
      RED_LETTER_FORM_OPEN: 'This fapiao already has a red-letter form that stands; void it first',
      NOT_A_DIGITAL_FAPIAO:
        'A paper fapiao comes back first, then is reversed and reissued as before',
    },
    components: {
      ApplicationDetails: {
        redLetterForms: 'Red-letter confirmation forms',
        originalNumber: 'Original fapiao',
        reason: 'Reason',
        formStatus: 'Status',
        deadline: 'Confirm by (Beijing time)',
        redNumber: 'Red-letter fapiao',
      },
      Values: {
        redLetterStatus: {
          waiting_for_buyer: 'Waiting for the buyer',
          confirmed: 'Confirmed',
          lapsed: 'Lapsed',
          void: 'Void',
        },
      },
    },
  },
} as const;

type Tree = { [key: string]: string | Tree };

/** Adds `extra`'s keys into `base`, section by section (neither replaces the other's keys). */
export function mergeTranslations<T extends object>(base: T, extra: object): T {
  const into = (target: Tree, source: Tree) => {
    for (const [key, value] of Object.entries(source)) {
      if (typeof value === 'string') target[key] = value;
      else into((target[key] ??= {}) as Tree, value);
    }
  };
  into(base as unknown as Tree, extra as unknown as Tree);
  return base;
}
