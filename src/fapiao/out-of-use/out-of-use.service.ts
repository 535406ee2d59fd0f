import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Locale } from '../../common/locale';
import { Clock } from '../../common/time/clock';

/** An out-of-use period as customers see it. */
export interface OutOfUseNotice {
  id: string;
  message: string;
  messages: Record<Locale, string>;
  startsAt: Date;
  endsAt: Date | null;
  expectedIssueDate: string;
}

interface PeriodRow {
  id: string;
  starts_at: Date;
  ends_at: Date | null;
  expected_issue_date: string;
  notice_zh: string;
  notice_en: string;
}

/** SQL: the period `p` is active at `$1`. */
export const PERIOD_ACTIVE_AT = (alias: string, instantParam: string) =>
  `(${alias}.starts_at <= ${instantParam} AND (${alias}.ends_at IS NULL OR ${alias}.ends_at > ${instantParam}))`;

const CURRENT_NOTICES = `SELECT p.id, p.starts_at, p.ends_at, to_char(p.expected_issue_date, 'YYYY-MM-DD') AS expected_issue_date,
          p.notice_zh, p.notice_en
     FROM out_of_use_periods p
    WHERE ${PERIOD_ACTIVE_AT('p', '$1')}
    ORDER BY p.expected_issue_date DESC, p.starts_at`;

/** Out-of-use periods: the notices customers see while fapiao cannot be issued. */
@Injectable()
export class OutOfUseService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Periods active now, the one with the latest expected issue date first. */
  async currentNotices(locale: Locale, manager?: EntityManager): Promise<OutOfUseNotice[]> {
    const rows = await (manager ?? this.dataSource).query<PeriodRow[]>(CURRENT_NOTICES, [
      this.clock.now(),
    ]);
    return rows.map((row) => toNotice(row, locale));
  }
}

function toNotice(row: PeriodRow, locale: Locale): OutOfUseNotice {
  const messages = { 'zh-CN': row.notice_zh, en: row.notice_en };
  return {
    id: row.id,
    message: messages[locale],
    messages,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    expectedIssueDate: row.expected_issue_date,
  };
}
