/**
 * An instant as the API writes it (`2026-11-24T06:30:00.000Z`, what JSON.stringify makes of a
 * Date), made by PostgreSQL: parsing a timestamptz into a Date and serialising it again is a
 * visible part of a list's CPU time (docs/performance.md). `column` is an SQL expression.
 */
export const isoUtcInstant = (column: string): string =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * `json_build_object('key', <sql>, …)` of a map of keys to SQL expressions, for rows read as one
 * JSON value: node-postgres sets up and runs a parser per column of every row.
 */
export const jsonObject = (fields: Record<string, string>): string =>
  `json_build_object(${Object.entries(fields)
    .map(([key, sql]) => `'${key}', ${sql}`)
    .join(', ')})`;
