import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/time/clock';
import { FapiaoException } from '../fapiao.exception';
import type { ApplicationStatus } from './application-status';
import { ApplicationDto, ApplicationPageDto, PrefillDto } from './dto/application.dto';
import {
  ApplicationRow,
  type ApplicationViewRow,
  applicationViewSelect,
  toApplicationDto,
  toShippingDto,
  toTitleDto,
} from './application-view';

const CUSTOMER_APPLICATION = `${applicationViewSelect({ application: 'fapiao_applications', nowParam: '$1' })}
    WHERE a.id = $2 AND a.customer_id = $3`;

/** What customers read about applications; always scoped to the account's customer. */
@Injectable()
export class ApplicationReader {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** One application of the customer; another customer's id is "not found". */
  async getForCustomer(customerId: string, id: string): Promise<ApplicationDto> {
    const [row] = await this.dataSource.query<ApplicationViewRow[]>(CUSTOMER_APPLICATION, [
      this.clock.now(),
      id,
      customerId,
    ]);
    if (!row) throw FapiaoException.notFound(id);
    return toApplicationDto(row.application);
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
    const rows: (ApplicationViewRow & { total: string | number })[] = await this.dataSource.query(
      `WITH page AS (
         SELECT id, count(*) OVER () AS total FROM fapiao_applications a
          WHERE a.customer_id = $2 ${statusFilter}
          ORDER BY a.created_at DESC, a.id DESC
          LIMIT $3 OFFSET $4
       )
       ${applicationViewSelect({ application: 'fapiao_applications', nowParam: '$1', extraColumns: 'page.total,' })}
         JOIN page ON page.id = a.id
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
    return {
      items: rows.map((row) => toApplicationDto(row.application)),
      page: query.page,
      pageSize: query.pageSize,
      total,
    };
  }

  /** Type, title and shipping of the account's most recent submitted application. */
  async prefillForAccount(accountId: string): Promise<PrefillDto> {
    const [row]: ApplicationRow[] = await this.dataSource.query(
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
    if (!row) return {};
    return { type: row.type, title: toTitleDto(row), shipping: toShippingDto(row) };
  }
}
