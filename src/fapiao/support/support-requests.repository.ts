import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { SupportRequestHistory } from './entities/support-request-history.entity';
import { SupportRequest } from './entities/support-request.entity';
import type { SupportRequestStatus } from './support-request-status';

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

/** The fapiao module's writes of `support_requests` and `support_request_history`. */
@Injectable()
export class SupportRequestsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

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
