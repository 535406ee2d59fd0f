import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { SupportRequestHistory } from './entities/support-request-history.entity';
import { SupportRequest } from './entities/support-request.entity';
import type { FapiaoTitle } from '../titles/fapiao-title';
import type { SplitLine } from './entities/support-request.entity';
import type { SupportRequestStatus, SupportRequestType } from './support-request-status';
import { redLetterFormsJson } from '../red-letter/red-letter-view';
import type { RedLetterFormRow } from '../red-letter/red-letter-view';

export type SupportHistoryEntry = Pick<
  SupportRequestHistory,
  | 'requestId'
  | 'fromStatus'
  | 'toStatus'
  | 'kind'
  | 'actorType'
  | 'actorId'
  | 'actorEmail'
  | 'message'
  | 'at'
>;

/** A request as its readers see it, with its history as JSON and the application's parcel. */
export interface SupportRequestRow {
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

const VIEW_SELECT = `
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

/** The fapiao module's reads and writes of `support_requests` and `support_request_history`. */
@Injectable()
export class SupportRequestsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One request (the customer's own, when `customerId` is given), in `manager`'s transaction. */
  async findView(
    id: string,
    scope: { customerId?: string; manager?: EntityManager },
  ): Promise<SupportRequestRow | undefined> {
    const db = scope.manager ?? this.dataSource.manager;
    const [row] = scope.customerId
      ? await db.query<SupportRequestRow[]>(
          `${VIEW_SELECT} WHERE r.id = $1 AND r.customer_id = $2`,
          [id, scope.customerId],
        )
      : await db.query<SupportRequestRow[]>(`${VIEW_SELECT} WHERE r.id = $1`, [id]);
    return row;
  }

  /** The customer's latest 200 requests, newest first. */
  findCustomerViews(customerId: string): Promise<SupportRequestRow[]> {
    return this.dataSource.query<SupportRequestRow[]>(
      `${VIEW_SELECT} WHERE r.customer_id = $1 ORDER BY r.created_at DESC, r.id DESC LIMIT 200`,
      [customerId],
    );
  }

  /**
   * Ids of the requests matching `exact` (order number, contact email, a taxpayer ID or fapiao
   * number of theirs) or a title name matching `like`, newest first.
   */
  async searchIds(exact: string, like: string, limit: number): Promise<string[]> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT r.id FROM support_requests r
         LEFT JOIN fapiao_applications a ON a.id = r.application_id
        WHERE r.order_number = $1 OR lower(r.contact_email) = lower($1)
           OR a.title_tax_id = upper($1) OR a.title_buyer_name ILIKE $2
           OR r.new_title ->> 'taxId' = upper($1) OR r.new_title ->> 'buyerName' ILIKE $2
           OR EXISTS (SELECT 1 FROM jsonb_array_elements(coalesce(r.lines, '[]'::jsonb)) l
                       WHERE l -> 'title' ->> 'taxId' = upper($1)
                          OR l -> 'title' ->> 'buyerName' ILIKE $2)
           OR EXISTS (SELECT 1 FROM fapiao_documents d
                       WHERE d.application_id = r.application_id AND d.number = $1)
        ORDER BY r.created_at DESC LIMIT $3`,
      [exact, like, limit],
    );
    return rows.map((r) => r.id);
  }

  /** The new request's id and sequence (its number). */
  async insertRequest(
    manager: EntityManager,
    values: QueryDeepPartialEntity<SupportRequest>,
  ): Promise<{ id: string; sequence: number }> {
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(SupportRequest)
      .values(values)
      .returning(['id', 'sequence'])
      .execute();
    const [row] = result.raw as { id: string; sequence: string | number }[];
    return { id: row.id, sequence: Number(row.sequence) };
  }

  async addHistoryEntry(manager: EntityManager, entry: SupportHistoryEntry): Promise<void> {
    await manager.insert(SupportRequestHistory, entry);
  }

  /** The request locked for the caller's transaction. */
  async findForUpdate(manager: EntityManager, id: string): Promise<SupportRequest | null> {
    const request = await manager.findOne(SupportRequest, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (request) {
      request.sequence = Number(request.sequence);
      request.billAmountFen = Number(request.billAmountFen);
    }
    return request;
  }

  findById(manager: EntityManager, id: string): Promise<SupportRequest | null> {
    return manager.findOne(SupportRequest, { where: { id } });
  }

  /** Newest first. */
  findForApplication(applicationId: string): Promise<SupportRequest[]> {
    return this.dataSource.manager.find(SupportRequest, {
      where: { applicationId },
      order: { createdAt: 'DESC' },
    });
  }

  /** The guarded status change; false when the request moved on meanwhile. */
  async recordTransition(
    manager: EntityManager,
    request: Pick<SupportRequest, 'id' | 'status' | 'version'>,
    to: SupportRequestStatus,
    changes: Partial<Pick<SupportRequest, 'returnedAt' | 'resolution'>>,
    at: Date,
  ): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(SupportRequest)
      .set({ ...changes, status: to, version: () => 'version + 1', updatedAt: at })
      .where('id = :id AND status = :status AND version = :version', {
        id: request.id,
        status: request.status,
        version: request.version,
      })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** Documents are issued once per request; false when another step claimed it first. */
  async claimDocuments(manager: EntityManager, id: string, at: Date, by: string): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(SupportRequest)
      .set({ documentsIssuedAt: at, documentsIssuedBy: by })
      .where('id = :id AND documents_issued_at IS NULL', { id })
      .execute();
    return result.affected === 1;
  }

  /** The latest status change in the request's history. */
  findLastStatusChange(manager: EntityManager, id: string): Promise<SupportRequestHistory | null> {
    return manager
      .getRepository(SupportRequestHistory)
      .createQueryBuilder('h')
      .where('h.request_id = :id', { id })
      .andWhere("h.kind = 'status'")
      .orderBy('h.id', 'DESC')
      .getOne();
  }
}
