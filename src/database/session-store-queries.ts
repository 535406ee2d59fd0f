import type { DataSource } from 'typeorm';

/**
 * connect-pg-simple's `pgPromise` option: its queries go through TypeORM's pool (no second
 * pool in the connection budget) by the data source's public `query`.
 */
export function sessionStoreQueries(dataSource: DataSource): {
  any(text: string, values?: unknown[]): Promise<unknown[]>;
} {
  return {
    any: async (text, values) => {
      const result: unknown = await dataSource.query(text, values);
      // UPDATE and DELETE answer [rows, count] through TypeORM; the store reads rows only.
      if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0])) {
        return result[0] as unknown[];
      }
      return Array.isArray(result) ? result : [];
    },
  };
}
