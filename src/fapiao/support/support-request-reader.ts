import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { redLetterFormsJson, toRedLetterFormDto } from '../red-letter/red-letter-view';
import type { RedLetterFormRow } from '../red-letter/red-letter-view';
import type { FapiaoTitle } from '../titles/fapiao-title';
import type { SupportHistoryEntryDto, SupportRequestDto } from './dto/support-request.dto';
import type { SplitLine } from './entities/support-request.entity';
import { SupportRequestException } from './support-request.exception';
import {
  formatRequestNumber,
  SupportRequestStatus,
  SupportRequestType,
} from './support-request-status';

interface RequestRow {
  id: string;
  sequence: string | number;
  type: SupportRequestType;
  status: SupportRequestStatus;
  order_number: string;
  bill_amount_fen: string | number;
  application_id: string | null;
  lines: SplitLine[] | null;
  new_title: FapiaoTitle | null;
  message: string;
  returned_at: string | null;
  resolution: string | null;
  created_at: Date;
  updated_at: Date;
  carrier: string | null;
  tracking_number: string | null;
  red_letter_forms: RedLetterFormRow[];
  history: {
    from: SupportRequestStatus | null;
    to: SupportRequestStatus;
    kind: 'status' | 'reply';
    at: string;
    message: string | null;
  }[];
}

/** One query per read: the request, its history (JSON) and the application's parcel. */
const SELECT = `
  SELECT r.id, r.sequence, r.type, r.status, r.order_number, r.bill_amount_fen, r.application_id,
         r.lines, r.new_title, r.message, to_char(r.returned_at, 'YYYY-MM-DD') AS returned_at,
         r.resolution, r.created_at, r.updated_at, a.carrier, a.tracking_number,
         COALESCE((SELECT json_agg(json_build_object('from', h.from_status, 'to', h.to_status,
                                                     'kind', h.kind, 'at', h.at,
                                                     'message', h.message) ORDER BY h.id)
                     FROM support_request_history h WHERE h.request_id = r.id), '[]'::json) AS history,
         ${redLetterFormsJson('support_request_id', 'r.id')} AS red_letter_forms
    FROM support_requests r
    LEFT JOIN fapiao_applications a ON a.id = r.application_id`;

function dropEmpty<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== null && v !== undefined),
  ) as T;
}

export function toSupportRequestDto(row: RequestRow): SupportRequestDto {
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
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async getForCustomer(customerId: string, id: string): Promise<SupportRequestDto> {
    const [row]: RequestRow[] = await this.dataSource.query(
      `${SELECT} WHERE r.id = $1 AND r.customer_id = $2`,
      [id, customerId],
    );
    if (!row) throw SupportRequestException.notFound(id);
    return toSupportRequestDto(row);
  }

  async listForCustomer(customerId: string): Promise<SupportRequestDto[]> {
    const rows: RequestRow[] = await this.dataSource.query(
      `${SELECT} WHERE r.customer_id = $1 ORDER BY r.created_at DESC, r.id DESC LIMIT 200`,
      [customerId],
    );
    return rows.map(toSupportRequestDto);
  }

  /**
   * Staff: any request, with the application's carrier and tracking number next to it. With a
   * manager, read inside that transaction (it sees the transaction's own changes).
   */
  async getForStaff(id: string, manager?: EntityManager): Promise<SupportRequestDto> {
    const db = manager ?? this.dataSource;
    const [row]: RequestRow[] = await db.query(`${SELECT} WHERE r.id = $1`, [id]);
    if (!row) throw SupportRequestException.notFound(id);
    return toSupportRequestDto(row);
  }
}
