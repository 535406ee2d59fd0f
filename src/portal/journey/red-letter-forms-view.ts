import { formatBeijingTime } from '../../common/time/business-date';
import type { RedLetterFormDto } from '../../fapiao/red-letter/dto/red-letter-form.dto';
import { businessDateOf } from './journey-view';

/**
 * The red-letter forms as the application and support-request pages show them: money as yuan
 * (the `yuan` helper), the deadline in Beijing time, and what the customer does next.
 */
export function redLetterFormsView(forms: RedLetterFormDto[] | undefined) {
  return (forms ?? []).map((form) => ({
    originalNumber: form.originalNumber,
    amountFen: form.amountFen,
    statusKey: `journey.redLetter.status.${form.status}`,
    reasonKey: `journey.redLetter.reason.${form.reasonCode}`,
    raisedOn: businessDateOf(form.createdAt),
    deadline: form.deadlineAt ? formatBeijingTime(new Date(form.deadlineAt)) : undefined,
    waiting: form.status === 'waiting_for_buyer',
    redNumber: form.redNumber,
    todoKey: form.redNumber
      ? 'journey.redLetter.todo.redIssued'
      : form.status === 'waiting_for_buyer'
        ? 'journey.redLetter.todo.waiting'
        : `journey.redLetter.todo.${form.status}`,
  }));
}
