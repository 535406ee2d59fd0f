import type { redLetterZhCN } from './red-letter.zh-CN';

/** Texts of the red-letter confirmation forms in English (the same keys as red-letter.zh-CN.ts). */
export const redLetterEn: Record<keyof typeof redLetterZhCN, string> = {
  'journey.redLetter.heading': 'Red-letter confirmation forms',
  'journey.redLetter.intro':
    'A digital fapiao cannot be voided, only reversed: we raise a red-letter confirmation form (红字发票信息确认单), then issue a red-letter fapiao that reverses the original.',
  'journey.redLetter.original': 'Original fapiao number',
  'journey.redLetter.reason': 'Reason',
  'journey.redLetter.amount': 'Amount reversed',
  'journey.redLetter.status': 'Status',
  'journey.redLetter.deadline': 'Confirm by (Beijing time)',
  'journey.redLetter.redNumber': 'Red-letter fapiao number',
  'journey.redLetter.raisedOn': 'Raised on',
  'journey.redLetter.status.waiting_for_buyer': 'Waiting for the buyer',
  'journey.redLetter.status.confirmed': 'Confirmed',
  'journey.redLetter.status.lapsed': 'Lapsed',
  'journey.redLetter.status.void': 'Void',
  'journey.redLetter.reason.01': 'Wrong issue',
  'journey.redLetter.reason.02': 'Returned goods',
  'journey.redLetter.reason.03': 'Service stopped',
  'journey.redLetter.reason.04': 'Sales discount',
  'journey.redLetter.todo.waiting':
    'Before {deadline} (Beijing time), sign in to your company’s e-tax platform (电子税务局), open “Tax digital account — Red-letter confirmation forms”, find the form for fapiao {original} and choose “Confirm”. A form not confirmed in time lapses and has to be raised again.',
  'journey.redLetter.todo.confirmed':
    'The form is confirmed (or needs no confirmation): we issue the red-letter fapiao and the new one.',
  'journey.redLetter.todo.redIssued':
    'Red-letter fapiao {red} is issued; its files were sent to your email.',
  'journey.redLetter.todo.lapsed':
    'The form was not confirmed within 72 hours and lapsed. The original fapiao stays valid; reply to the support request if you still need the reversal.',
  'journey.redLetter.todo.void': 'The form was withdrawn.',
};
