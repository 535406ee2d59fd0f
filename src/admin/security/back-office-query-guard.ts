import { HttpStatus } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { ProblemException, ResourceNotFoundException } from '../../common/errors/problem.exception';
import { isBusinessDate } from '../../common/time/business-date';
import { QueryPolicy } from './query-policy';
import { Bilingual, staffLanguage } from './staff-language';

/** AdminJS's own key handling, so the guard sees the filter paths exactly as AdminJS will. */
export interface AdminJsQueryParsing {
  flat: { unflatten(params: object): Record<string, unknown> };
  // Typed as a Map by AdminJS; it returns a plain object keyed by filter path.
  Filter: { normalizeKeys(filters: object): object };
}

export const INVALID_QUERY = 'BACK_OFFICE_INVALID_QUERY';

/** The API paths that read a resource's query: list, search and the record and bulk actions. */
const RESOURCE_API = /^\/api\/resources\/([^/]+)(?:\/|$)/;

/** AdminJS's list refuses nothing above this (it caps `perPage` at 500). */
const PER_PAGE_MAX = 500;

const MESSAGES = {
  filter: (key: string): Bilingual => ({
    'zh-CN': `不能按“${key}”筛选。`,
    en: `The list cannot be filtered by "${key}".`,
  }),
  sort: (key: string): Bilingual => ({
    'zh-CN': `不能按“${key}”排序。`,
    en: `The list cannot be sorted by "${key}".`,
  }),
  search: (key: string): Bilingual => ({
    'zh-CN': `不能按“${key}”搜索。`,
    en: `The list cannot be searched by "${key}".`,
  }),
  direction: (): Bilingual => ({
    'zh-CN': '排序方向只能是 asc 或 desc。',
    en: 'The sort direction must be asc or desc.',
  }),
  page: (key: string): Bilingual => ({
    'zh-CN': `“${key}”必须是 1 到 ${PER_PAGE_MAX} 之间的整数。`,
    en: `"${key}" must be a whole number from 1 to ${PER_PAGE_MAX}.`,
  }),
  filterValue: (key: string): Bilingual => ({
    'zh-CN': `“${key}”的筛选值无效。`,
    en: `The filter value for "${key}" is not valid.`,
  }),
  unknownResource: (): Bilingual => ({
    'zh-CN': '后台没有这类记录。',
    en: 'The back office has no such records.',
  }),
  malformed: (): Bilingual => ({
    'zh-CN': '筛选条件的格式不正确。',
    en: 'The filters are malformed.',
  }),
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FILTER_TEXT_MAX = 200;

/** Whether one filter value suits its property's type (AdminJS's adapter fails on the rest). */
function filterValueRefusal(path: string, value: unknown, type: string | undefined) {
  const bad = () => MESSAGES.filterValue(path);
  if (type === 'date' || type === 'datetime') {
    if (typeof value !== 'object' || value === null) return bad();
    const ends = Object.entries(value as Record<string, unknown>);
    if (ends.length === 0) return bad();
    for (const [end, given] of ends) {
      if (end !== 'from' && end !== 'to') return bad();
      if (typeof given !== 'string') return bad();
      const ok = type === 'date' ? isBusinessDate(given) : !Number.isNaN(Date.parse(given));
      if (!ok) return bad();
    }
    return undefined;
  }
  if (typeof value !== 'string') return bad();
  if (type === 'boolean' && value !== 'true' && value !== 'false') return bad();
  // References are uuids, except the calendar's days, which reference their year.
  const id = UUID.test(value) || (type === 'reference' && /^\d{1,9}$/.test(value));
  if ((type === 'uuid' || type === 'reference' || path === 'id') && !id) return bad();
  if (type === 'number' && !/^-?\d{1,15}$/.test(value)) return bad();
  if (value.length > FILTER_TEXT_MAX) return bad();
  return undefined;
}

/** Why the query is refused, or undefined when every key it uses is allowed. */
export function queryRefusal(
  query: Record<string, unknown>,
  policy: QueryPolicy,
  parsing: AdminJsQueryParsing,
  propertyType: (path: string) => string | undefined = () => undefined,
): Bilingual | undefined {
  const { filters, sortBy, direction, searchProperty, page, perPage } =
    parsing.flat.unflatten(query);
  if (filters !== undefined) {
    if (typeof filters !== 'object' || filters === null || Array.isArray(filters)) {
      return MESSAGES.malformed();
    }
    const normalized = parsing.Filter.normalizeKeys(filters) as Record<string, unknown>;
    for (const [path, value] of Object.entries(normalized)) {
      if (!policy.filter.includes(path)) return MESSAGES.filter(path);
      const refusal = filterValueRefusal(path, value, propertyType(path));
      if (refusal) return refusal;
    }
  }
  if (sortBy !== undefined && !(typeof sortBy === 'string' && policy.sort.includes(sortBy))) {
    return MESSAGES.sort(typeof sortBy === 'string' ? sortBy : 'sortBy');
  }
  if (direction !== undefined && direction !== 'asc' && direction !== 'desc') {
    return MESSAGES.direction();
  }
  if (
    searchProperty !== undefined &&
    !(typeof searchProperty === 'string' && policy.search.includes(searchProperty))
  ) {
    return MESSAGES.search(typeof searchProperty === 'string' ? searchProperty : 'searchProperty');
  }
  for (const [key, value] of Object.entries({ page, perPage })) {
    if (value === undefined) continue;
    const number = typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : NaN;
    if (!(number >= 1 && (key === 'page' || number <= PER_PAGE_MAX))) return MESSAGES.page(key);
  }
  return undefined;
}

/**
 * Refuses, before AdminJS and whoever asks, a resource API request whose query filters, sorts or
 * searches by anything its policy does not list (AdminJS itself would filter by any column,
 * hidden or not, and answer an unknown one with a 500).
 */
export function backOfficeQueryGuard(
  policies: Readonly<Record<string, QueryPolicy>>,
  parsing: AdminJsQueryParsing,
  propertyType: (resourceId: string, path: string) => string | undefined = () => undefined,
) {
  return function backOfficeQueryGuard(req: Request, _res: Response, next: NextFunction): void {
    // Resource ids are plain names: an encoded one matches no policy and AdminJS answers 404.
    const resourceId = RESOURCE_API.exec(req.path)?.[1];
    if (resourceId === undefined) return next();
    const policy = policies[resourceId];
    if (!policy)
      return next(new ResourceNotFoundException(MESSAGES.unknownResource()[staffLanguage(req)]));
    const refusal = queryRefusal(req.query, policy, parsing, (path) =>
      propertyType(resourceId, path),
    );
    if (!refusal) return next();
    next(new ProblemException(HttpStatus.BAD_REQUEST, INVALID_QUERY, refusal[staffLanguage(req)]));
  };
}
