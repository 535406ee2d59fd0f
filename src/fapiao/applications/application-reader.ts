import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PreparedStatement } from '../../database/prepared-statement';
import { Clock } from '../../common/time/clock';
import { FapiaoException } from '../fapiao.exception';
import { PERIOD_ACTIVE_AT } from '../out-of-use/out-of-use.service';
import type { ApplicationStatus } from './application-status';
import { ApplicationDto, ApplicationPageDto, PrefillDto } from './dto/application.dto';
import { ApplicationRow, toApplicationDto, toShippingDto, toTitleDto } from './application-view';

/**
 * One query per read: the application row with its history and documents aggregated as JSON
 * (correlated subqueries on indexed columns, no N+1) and the current out-of-use notice.
 * `$1` is the instant "now" (for the notice).
 */
const viewSelect = (extraColumns = '') => `
  SELECT ${extraColumns} a.id, a.order_number, a.type, a.purpose, a.status, a.version, a.amount_fen, a.locale,
         a.created_at, a.updated_at, a.submitted_at,
         to_char(a.due_date, 'YYYY-MM-DD') AS due_date,
         to_char(a.expected_issue_date, 'YYYY-MM-DD') AS expected_issue_date,
         a.carrier, a.tracking_number, a.rejection_reason,
         a.title_buyer_name, a.title_tax_id, a.title_address, a.title_phone, a.title_bank_name,
         a.title_bank_account,
         a.shipping_method, a.shipping_recipient, a.shipping_phone, a.shipping_province,
         a.shipping_city, a.shipping_district, a.shipping_address, a.shipping_postal_code,
         COALESCE((SELECT json_agg(json_build_object('from', h.from_status, 'to', h.to_status,
                                                     'at', h.at, 'remark', h.remark) ORDER BY h.id)
                     FROM application_history h WHERE h.application_id = a.id), '[]'::json) AS history,
         COALESCE((SELECT json_agg(json_build_object('kind', d.kind, 'number', d.number,
                                                     'issueDate', to_char(d.issue_date, 'YYYY-MM-DD'),
                                                     'amountFen', d.amount_fen,
                                                     'taxAmountFen', d.tax_amount_fen,
                                                     'reverses', (SELECT o.number FROM fapiao_documents o
                                                                   WHERE o.id = d.reverses_document_id))
                                   ORDER BY d.created_at, d.number)
                     FROM fapiao_documents d WHERE d.application_id = a.id), '[]'::json) AS documents,
         n.notice_zh, n.notice_en, n.expected_issue_date AS notice_expected_issue_date
    FROM fapiao_applications a
    LEFT JOIN LATERAL (
      SELECT p.notice_zh, p.notice_en, to_char(p.expected_issue_date, 'YYYY-MM-DD') AS expected_issue_date
        FROM out_of_use_periods p
       WHERE ${PERIOD_ACTIVE_AT('p', '$1')}
       ORDER BY p.expected_issue_date DESC, p.starts_at
       LIMIT 1
    ) n ON true`;

/** The customer's application detail: on every page view of the customer's application. */
const CUSTOMER_APPLICATION = new PreparedStatement<ApplicationRow>(
  `${viewSelect()} WHERE a.id = $2 AND a.customer_id = $3`,
);

/** What customers read about applications; always scoped to the account's customer. */
@Injectable()
export class ApplicationReader {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** One application of the customer; another customer's id is "not found". */
  async getForCustomer(customerId: string, id: string): Promise<ApplicationDto> {
    const [row] = await CUSTOMER_APPLICATION.run(this.dataSource, [this.clock.now(), id, customerId]);
    if (!row) throw FapiaoException.notFound(id);
    return toApplicationDto(row);
  }

  async listForCustomer(
    customerId: string,
    query: { page: number; pageSize: number; status?: ApplicationStatus },
  ): Promise<ApplicationPageDto> {
    const params: unknown[] = [
      this.clock.now(),
      customerId,
      query.pageSize,
      (query.page - 1) * query.pageSize,
    ];
    const statusFilter = query.status ? `AND a.status = $${params.push(query.status)}` : '';
    const rows: (ApplicationRow & { total: string | number })[] = await this.dataSource.query(
      `WITH page AS (
         SELECT id, count(*) OVER () AS total FROM fapiao_applications a
          WHERE a.customer_id = $2 ${statusFilter}
          ORDER BY a.created_at DESC, a.id DESC
          LIMIT $3 OFFSET $4
       )
       ${viewSelect('page.total,')} JOIN page ON page.id = a.id
       ORDER BY a.created_at DESC, a.id DESC`,
      params,
    );
    let total = rows.length > 0 ? Number(rows[0].total) : 0;
    if (rows.length === 0 && query.page > 1) {
      const countParams: unknown[] = [customerId];
      const filter = query.status ? `AND status = $${countParams.push(query.status)}` : '';
      const [counted]: { total: string }[] = await this.dataSource.query(
        `SELECT count(*) AS total FROM fapiao_applications WHERE customer_id = $1 ${filter}`,
        countParams,
      );
      total = Number(counted.total);
    }
    return { items: rows.map(toApplicationDto), page: query.page, pageSize: query.pageSize, total };
  }

  /** Type, title and shipping of the account's most recent submitted application. */
  async prefillForAccount(accountId: string): Promise<PrefillDto> {
    const [row]: ApplicationRow[] = await this.dataSource.query(
      `SELECT a.type, a.title_buyer_name, a.title_tax_id, a.title_address, a.title_phone,
              a.title_bank_name, a.title_bank_account, a.shipping_method, a.shipping_recipient,
              a.shipping_phone, a.shipping_province, a.shipping_city, a.shipping_district,
              a.shipping_address, a.shipping_postal_code
         FROM fapiao_applications a
        WHERE a.account_id = $1 AND a.submitted_at IS NOT NULL
        ORDER BY a.submitted_at DESC
        LIMIT 1`,
      [accountId],
    );
    if (!row) return {};
    return { type: row.type, title: toTitleDto(row), shipping: toShippingDto(row) };
  }
}
