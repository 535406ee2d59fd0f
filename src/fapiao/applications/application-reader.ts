import { Injectable } from '@nestjs/common';
import { Clock } from '../../common/time/clock';
import { FapiaoException } from '../fapiao.exception';
import type { ApplicationStatus } from './application-status';
import { toApplicationDto, toShippingDto, toTitleDto } from './application-view';
import { ApplicationsRepository } from './applications.repository';
import { ApplicationDto, ApplicationPageDto, PrefillDto } from './dto/application.dto';

/** What customers read about applications; always scoped to the account's customer. */
@Injectable()
export class ApplicationReader {
  constructor(
    private readonly applications: ApplicationsRepository,
    private readonly clock: Clock,
  ) {}

  /** One application of the customer; another customer's id is "not found". */
  async getForCustomer(customerId: string, id: string): Promise<ApplicationDto> {
    const row = await this.applications.findCustomerView(customerId, id, this.clock.now());
    if (!row) throw FapiaoException.notFound(id);
    return toApplicationDto(row);
  }

  async listForCustomer(
    customerId: string,
    query: { page: number; pageSize: number; status?: ApplicationStatus },
  ): Promise<ApplicationPageDto> {
    const { rows, total } = await this.applications.findCustomerViewPage(
      customerId,
      { limit: query.pageSize, offset: (query.page - 1) * query.pageSize, status: query.status },
      this.clock.now(),
    );
    return {
      items: rows.map(toApplicationDto),
      page: query.page,
      pageSize: query.pageSize,
      total,
    };
  }

  /** Type, title and shipping of the account's most recent submitted application. */
  async prefillForAccount(accountId: string): Promise<PrefillDto> {
    const row = await this.applications.findLatestSubmitted(accountId);
    if (!row) return {};
    return { type: row.type, title: toTitleDto(row), shipping: toShippingDto(row) };
  }
}
