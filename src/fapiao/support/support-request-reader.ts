import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { toRedLetterFormDto } from '../red-letter/red-letter-view';
import type { SupportHistoryEntryDto, SupportRequestDto } from './dto/support-request.dto';
import { SupportRequestException } from './support-request.exception';
import { formatRequestNumber } from './support-request-status';
import { type SupportRequestRow, SupportRequestsRepository } from './support-requests.repository';

function dropEmpty<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== null && v !== undefined),
  ) as T;
}

export function toSupportRequestDto(row: SupportRequestRow): SupportRequestDto {
  const history: SupportHistoryEntryDto[] = row.history.map((h) =>
    dropEmpty({
      from: h.from,
      to: h.to,
      kind: h.kind,
      at: new Date(h.at).toISOString(),
      message: h.message ?? undefined,
    }),
  );
  for (const h of history) if (h.from === undefined) h.from = null;
  return {
    id: row.id,
    requestNumber: formatRequestNumber(row.sequence),
    type: row.type,
    status: row.status,
    orderNumber: row.order_number,
    billAmountFen: Number(row.bill_amount_fen),
    message: row.message,
    history,
    replies: history.filter((h) => h.kind === 'reply'),
    redLetterForms: row.red_letter_forms.map(toRedLetterFormDto),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    ...dropEmpty({
      applicationId: row.application_id,
      lines: row.lines?.map((l) => ({ title: dropEmpty(l.title), amountFen: l.amountFen })),
      newTitle: row.new_title ? dropEmpty(row.new_title) : null,
      returnedAt: row.returned_at,
      resolution: row.resolution,
      carrier: row.carrier,
      trackingNumber: row.tracking_number,
    }),
  } as SupportRequestDto;
}

/** What customers (own customer only) and staff read about support requests. */
@Injectable()
export class SupportRequestReader {
  constructor(private readonly requests: SupportRequestsRepository) {}

  async getForCustomer(customerId: string, id: string): Promise<SupportRequestDto> {
    const row = await this.requests.findView(id, { customerId });
    if (!row) throw SupportRequestException.notFound(id);
    return toSupportRequestDto(row);
  }

  async listForCustomer(customerId: string): Promise<SupportRequestDto[]> {
    return (await this.requests.findCustomerViews(customerId)).map(toSupportRequestDto);
  }

  /**
   * Staff: any request, with the application's carrier and tracking number next to it. With a
   * manager, read inside that transaction (it sees the transaction's own changes).
   */
  async getForStaff(id: string, manager?: EntityManager): Promise<SupportRequestDto> {
    const row = await this.requests.findView(id, { manager });
    if (!row) throw SupportRequestException.notFound(id);
    return toSupportRequestDto(row);
  }
}
