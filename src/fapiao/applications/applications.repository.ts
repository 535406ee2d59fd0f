import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Locale } from '../../common/locale';
import { type NamedStatement, queryNamed } from '../../database/named-statement';
import { isoUtcInstant, jsonObject } from '../../database/sql-json';
import type { ShippingDetails } from '../../shipping/shipping-method';
import { PERIOD_ACTIVE_AT } from '../out-of-use/out-of-use.service';
import { redLetterFormsJson } from '../red-letter/red-letter-view';
import { type FapiaoTitle, fullTitle } from '../titles/fapiao-title';
import type { ApplicationActor } from './application-actor';
import type { ApplicationChoices } from './application-rules';
import type { ApplicationStatus } from './application-status';
import type { ApplicationRow } from './application-view';
import type { IssuedDocumentRow } from './staff-applications.service';
import { ApplicationHistory } from './entities/application-history.entity';
import { FapiaoDocument } from './entities/fapiao-document.entity';
import { FapiaoApplication } from './entities/fapiao-application.entity';

/** Columns an edge may change together with the status (the title: retitle by support). */
export type ApplicationChanges = Partial<
  Pick<
    FapiaoApplication,
    | 'submittedAt'
    | 'dueDate'
    | 'dueDateProvisional'
    | 'contactEmail'
    | 'locale'
    | 'expectedIssueDate'
    | 'onHoldPeriodId'
    | 'carrier'
    | 'trackingNumber'
    | 'rejectionReason'
  >
> & { title?: FapiaoTitle };

/** A new draft with its bill's facts. */
export interface DraftValues extends ApplicationChoices {
  orderId: string;
  orderNumber: string;
  amountFen: number;
  customerId: string;
  accountId: string;
  contactEmail: string;
  locale: Locale;
}

export interface HistoryEntry {
  applicationId: string;
  from: ApplicationStatus | null;
  to: ApplicationStatus;
  actor: ApplicationActor;
  remark: string | null;
  at: Date;
}

function fullShipping(shipping: ShippingDetails): Required<ShippingDetails> {
  return {
    method: shipping.method,
    recipient: shipping.recipient ?? null,
    phone: shipping.phone ?? null,
    province: shipping.province ?? null,
    city: shipping.city ?? null,
    district: shipping.district ?? null,
    address: shipping.address ?? null,
    postalCode: shipping.postalCode ?? null,
    deliveryEmails: shipping.deliveryEmails ?? null,
  };
}

/** The history columns the customer's view reads. */
const HISTORY_COLUMNS = 'id, from_status, to_status, at, remark';

/** The application's own columns in the customer's view, by their key in `ApplicationRow`. */
const APPLICATION_FIELDS = {
  id: 'a.id',
  order_number: 'a.order_number',
  type: 'a.type',
  purpose: 'a.purpose',
  status: 'a.status',
  version: 'a.version',
  amount_fen: 'a.amount_fen',
  locale: 'a.locale',
  created_at: isoUtcInstant('a.created_at'),
  updated_at: isoUtcInstant('a.updated_at'),
  submitted_at: isoUtcInstant('a.submitted_at'),
  due_date: "to_char(a.due_date, 'YYYY-MM-DD')",
  due_date_provisional: 'a.due_date_provisional',
  expected_issue_date: "to_char(a.expected_issue_date, 'YYYY-MM-DD')",
  carrier: 'a.carrier',
  tracking_number: 'a.tracking_number',
  rejection_reason: 'a.rejection_reason',
  title_buyer_name: 'a.title_buyer_name',
  title_tax_id: 'a.title_tax_id',
  title_address: 'a.title_address',
  title_phone: 'a.title_phone',
  title_bank_name: 'a.title_bank_name',
  title_bank_account: 'a.title_bank_account',
  shipping_method: 'a.shipping_method',
  shipping_recipient: 'a.shipping_recipient',
  shipping_phone: 'a.shipping_phone',
  shipping_province: 'a.shipping_province',
  shipping_city: 'a.shipping_city',
  shipping_district: 'a.shipping_district',
  shipping_address: 'a.shipping_address',
  shipping_postal_code: 'a.shipping_postal_code',
  shipping_delivery_emails: 'a.shipping_delivery_emails',
} satisfies Record<Exclude<keyof ApplicationRow, ViewedAlongside>, string>;

type ViewedAlongside =
  | 'history'
  | 'documents'
  | 'red_letter_forms'
  | 'notice_zh'
  | 'notice_en'
  | 'notice_expected_issue_date';

/**
 * The customer's view of applications `a` as one JSON column `application` (an ApplicationRow):
 * history and documents aggregated by correlated subqueries, the current out-of-use notice, and
 * instants formatted by PostgreSQL, so one row is one parsed value. `$1` is "now".
 */
const VIEW_JSON = jsonObject({
  ...APPLICATION_FIELDS,
  history: `COALESCE((SELECT json_agg(json_build_object('from', h.from_status, 'to', h.to_status,
                                                     'at', ${isoUtcInstant('h.at')}, 'remark', h.remark)
                                   ORDER BY h.id)
                     FROM (SELECT ${HISTORY_COLUMNS} FROM application_history
                            WHERE application_id = a.id) h), '[]'::json)`,
  documents: `COALESCE((SELECT json_agg(json_build_object('id', d.id, 'kind', d.kind, 'number', d.number,
                                                     'issueDate', to_char(d.issue_date, 'YYYY-MM-DD'),
                                                     'amountFen', d.amount_fen,
                                                     'taxAmountFen', d.tax_amount_fen,
                                                     'taxRateBasisPoints', d.tax_rate_basis_points,
                                                     'invoiceCode', d.invoice_code,
                                                     'reverses', (SELECT r.number FROM fapiao_documents r
                                                                   WHERE r.id = d.reverses_document_id))
                                   ORDER BY d.created_at, d.number)
                     FROM fapiao_documents d WHERE d.application_id = a.id), '[]'::json)`,
  red_letter_forms: redLetterFormsJson('application_id', 'a.id'),
  notice_zh: 'n.notice_zh',
  notice_en: 'n.notice_en',
  notice_expected_issue_date: 'n.expected_issue_date',
} satisfies Record<keyof ApplicationRow, string>);

/** The view's SELECT; `extraColumns` come first, each followed by a comma. */
const customerView = (extraColumns = '') => `
  SELECT ${extraColumns} ${VIEW_JSON} AS application
    FROM fapiao_applications a
    LEFT JOIN LATERAL (
      SELECT p.notice_zh, p.notice_en, to_char(p.expected_issue_date, 'YYYY-MM-DD') AS expected_issue_date
        FROM out_of_use_periods p
       WHERE ${PERIOD_ACTIVE_AT('p', '$1')}
       ORDER BY p.expected_issue_date DESC, p.starts_at
       LIMIT 1
    ) n ON true`;

/** One application's customer view: named, as every read of one and every move runs it. */
const OWN_CUSTOMER_VIEW: NamedStatement = {
  name: 'own_application_customer_view',
  text: `${customerView()} WHERE a.id = $2 AND a.customer_id = $3`,
};

/** The fapiao module's reads and writes of `fapiao_applications` and `application_history`. */
@Injectable()
export class ApplicationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One of the customer's applications; null for another customer's. */
  findOwnApplication(
    customerId: string,
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<FapiaoApplication | null> {
    return manager.findOne(FapiaoApplication, { where: { id, customerId } });
  }

  async findOpenDraftId(
    manager: EntityManager,
    customerId: string,
    orderId: string,
  ): Promise<string | null> {
    const draft = await manager.findOne(FapiaoApplication, {
      select: { id: true },
      where: { orderId, customerId, status: 'draft' },
    });
    return draft?.id ?? null;
  }

  findById(
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<FapiaoApplication | null> {
    return manager.findOne(FapiaoApplication, { where: { id } });
  }

  /** The application's whole history, oldest first. */
  findHistory(applicationId: string): Promise<ApplicationHistory[]> {
    return this.dataSource.manager.find(ApplicationHistory, {
      where: { applicationId },
      order: { id: 'ASC' },
    });
  }

  /** The latest entry that changed the status. */
  findLastStatusChange(manager: EntityManager, id: string): Promise<ApplicationHistory | null> {
    return manager
      .getRepository(ApplicationHistory)
      .createQueryBuilder('h')
      .where('h.application_id = :id', { id })
      .andWhere('h.from_status IS DISTINCT FROM h.to_status')
      .orderBy('h.id', 'DESC')
      .getOne();
  }

  /** The numbers of the application's documents, oldest first. */
  async findDocumentNumbers(manager: EntityManager, applicationId: string): Promise<string[]> {
    const documents = await manager.find(FapiaoDocument, {
      where: { applicationId },
      order: { createdAt: 'ASC', number: 'ASC' },
      select: { number: true },
    });
    return documents.map((d) => d.number);
  }

  /**
   * Ids of the applications matching `exact` (order number, fapiao number, taxpayer ID, contact
   * email) or whose title's name matches `like`, newest first.
   */
  async searchIds(exact: string, like: string, limit: number): Promise<string[]> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT a.id FROM fapiao_applications a
        WHERE a.order_number = $1 OR lower(a.contact_email) = lower($1)
           OR a.title_tax_id = upper($1) OR a.title_buyer_name ILIKE $2
           OR EXISTS (SELECT 1 FROM fapiao_documents d WHERE d.application_id = a.id AND d.number = $1)
        ORDER BY a.created_at DESC LIMIT $3`,
      [exact, like, limit],
    );
    return rows.map((r) => r.id);
  }

  /** Documents issued from `first` (a month's first day) for a month, in issue order. */
  async findIssuedInMonth(first: string): Promise<IssuedDocumentRow[]> {
    const rows = await this.dataSource.query<IssuedDocumentRow[]>(
      `SELECT d.number, d.kind, to_char(d.issue_date, 'YYYY-MM-DD') AS "issueDate",
              d.amount_fen::bigint AS "amountFen", d.tax_amount_fen::bigint AS "taxAmountFen",
              a.order_id AS "orderId", a.order_number AS "orderNumber",
              a.title_buyer_name AS "buyerName", a.title_tax_id AS "taxId",
              a.amount_fen::bigint AS "billAmountFen"
         FROM fapiao_documents d JOIN fapiao_applications a ON a.id = d.application_id
        WHERE d.issue_date >= $1::date AND d.issue_date < ($1::date + interval '1 month')
        ORDER BY d.issue_date, d.number`,
      [first],
    );
    return rows.map((r) => ({
      ...r,
      amountFen: Number(r.amountFen),
      taxAmountFen: Number(r.taxAmountFen),
      billAmountFen: Number(r.billAmountFen),
    }));
  }

  /** The application locked for the caller's transaction. */
  async findForUpdate(manager: EntityManager, id: string): Promise<FapiaoApplication | null> {
    return manager.findOne(FapiaoApplication, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /** One of the customer's applications for a bill. */
  findOwnApplicationOfBill(
    manager: EntityManager,
    customerId: string,
    orderId: string,
    id: string,
  ): Promise<FapiaoApplication | null> {
    return manager.findOne(FapiaoApplication, { where: { id, customerId, orderId } });
  }

  /** The bill's application that matters: one holding it, else the newest. */
  async findCurrentApplicationOfBill(
    manager: EntityManager,
    customerId: string,
    orderId: string,
    nonHoldingStatuses: readonly string[],
  ): Promise<FapiaoApplication | null> {
    return manager
      .createQueryBuilder(FapiaoApplication, 'a')
      .where('a.orderId = :orderId AND a.customerId = :customerId', { orderId, customerId })
      .orderBy('(a.status <> ALL(:nonHolding))', 'DESC')
      .addOrderBy('a.createdAt', 'DESC')
      .setParameter('nonHolding', nonHoldingStatuses)
      .limit(1)
      .getOne();
  }

  /** Status and version as they are now (after a guarded write matched nothing). */
  findStatusAndVersion(
    manager: EntityManager,
    id: string,
  ): Promise<Pick<FapiaoApplication, 'id' | 'status' | 'version'> | null> {
    return manager.findOne(FapiaoApplication, {
      select: { id: true, status: true, version: true },
      where: { id },
    });
  }

  /** The new draft's id; null when the bill has an open draft (the one-draft-per-bill index). */
  async insertDraft(manager: EntityManager, draft: DraftValues, at: Date): Promise<string | null> {
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(FapiaoApplication)
      .values({
        orderId: draft.orderId,
        orderNumber: draft.orderNumber,
        customerId: draft.customerId,
        accountId: draft.accountId,
        contactEmail: draft.contactEmail,
        locale: draft.locale,
        type: draft.type,
        purpose: draft.purpose,
        title: fullTitle(draft.title),
        shipping: fullShipping(draft.shipping),
        amountFen: draft.amountFen,
        status: 'draft',
        version: 1,
        createdAt: at,
        updatedAt: at,
      })
      .orIgnore()
      .returning(['id'])
      .execute();
    const [row] = result.raw as { id: string }[];
    return row?.id ?? null;
  }

  /** A draft's new choices, guarded by its status and the version read; false when it moved. */
  async updateDraft(
    manager: EntityManager,
    app: Pick<FapiaoApplication, 'id' | 'version'>,
    choices: ApplicationChoices & Pick<FapiaoApplication, 'contactEmail' | 'locale'>,
    at: Date,
  ): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(FapiaoApplication)
      .set({
        ...choices,
        title: fullTitle(choices.title),
        shipping: fullShipping(choices.shipping),
        version: () => 'version + 1',
        updatedAt: at,
      })
      .where('id = :id AND status = :status AND version = :version', {
        id: app.id,
        status: 'draft',
        version: app.version,
      })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /**
   * The guarded transition: `UPDATE … WHERE status = :from AND version = :version`; false when
   * someone else moved the application first.
   */
  async recordTransition(
    manager: EntityManager,
    move: {
      app: Pick<FapiaoApplication, 'id' | 'status' | 'version'>;
      to: ApplicationStatus;
      changes: ApplicationChanges;
      at: Date;
    },
  ): Promise<boolean> {
    const { title, ...columns } = move.changes;
    const result = await manager
      .createQueryBuilder()
      .update(FapiaoApplication)
      .set({
        ...withoutUndefined(columns),
        ...(title ? { title: fullTitle(title) } : {}),
        status: move.to,
        version: () => 'version + 1',
        updatedAt: move.at,
      })
      .where('id = :id AND status = :status AND version = :version', {
        id: move.app.id,
        status: move.app.status,
        version: move.app.version,
      })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  async addHistoryEntry(manager: EntityManager, entry: HistoryEntry): Promise<void> {
    await manager.insert(ApplicationHistory, {
      applicationId: entry.applicationId,
      fromStatus: entry.from,
      toStatus: entry.to,
      actorType: entry.actor.type,
      actorId: entry.actor.id,
      actorEmail: entry.actor.email,
      remark: entry.remark,
      at: entry.at,
    });
  }

  /** The customer's view of one of its applications (in `manager`'s transaction, when given). */
  async findCustomerView(
    customerId: string,
    id: string,
    now: Date,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ApplicationRow | undefined> {
    const [row] = await queryNamed<{ application: ApplicationRow }>(manager, OWN_CUSTOMER_VIEW, [
      now,
      id,
      customerId,
    ]);
    return row?.application;
  }

  /** A page of the customer's applications, newest first, and the total count. */
  async findCustomerViewPage(
    customerId: string,
    query: { limit: number; offset: number; status?: ApplicationStatus },
    now: Date,
  ): Promise<{ rows: ApplicationRow[]; total: number }> {
    const params: unknown[] = [now, customerId, query.limit, query.offset];
    const statusFilter = query.status ? `AND a.status = $${params.push(query.status)}` : '';
    const rows = await this.dataSource.query<
      { application: ApplicationRow; total: string | number }[]
    >(
      `WITH page AS (
         SELECT id, count(*) OVER () AS total FROM fapiao_applications a
          WHERE a.customer_id = $2 ${statusFilter}
          ORDER BY a.created_at DESC, a.id DESC
          LIMIT $3 OFFSET $4
       )
       ${customerView('page.total,')}
         JOIN page ON page.id = a.id
       ORDER BY a.created_at DESC, a.id DESC`,
      params,
    );
    if (rows.length > 0 || query.offset === 0) {
      return {
        rows: rows.map((r) => r.application),
        total: rows.length > 0 ? Number(rows[0].total) : 0,
      };
    }
    const total = await this.dataSource.manager.count(FapiaoApplication, {
      where: { customerId, ...(query.status ? { status: query.status } : {}) },
    });
    return { rows: [], total };
  }

  /** Type, title and shipping of the account's most recent submitted application. */
  async findLatestSubmitted(accountId: string): Promise<ApplicationRow | undefined> {
    const [row] = await this.dataSource.query<ApplicationRow[]>(
      `SELECT a.type, a.title_buyer_name, a.title_tax_id, a.title_address, a.title_phone,
              a.title_bank_name, a.title_bank_account, a.shipping_method, a.shipping_recipient,
              a.shipping_phone, a.shipping_province, a.shipping_city, a.shipping_district,
              a.shipping_address, a.shipping_postal_code, a.shipping_delivery_emails
         FROM fapiao_applications a
        WHERE a.account_id = $1 AND a.submitted_at IS NOT NULL
        ORDER BY a.submitted_at DESC
        LIMIT 1`,
      [accountId],
    );
    return row;
  }
}

function withoutUndefined<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(values).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}
