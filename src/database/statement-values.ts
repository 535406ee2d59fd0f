/**
 * The values of one SQL statement assembled from parts that several modules write (a
 * data-modifying CTE per module, see ApplicationMoves). Each part adds its values and writes the
 * placeholder it gets back, so no part needs to know how many values the others use.
 *
 * Every placeholder carries its type: in `INSERT … SELECT $1, …` or `VALUES ($1)` inside a CTE
 * PostgreSQL cannot always infer one, and a prepared statement fixes the types it inferred.
 */
export class StatementValues {
  readonly values: unknown[] = [];

  /** `$n::type` for `value`. */
  add(value: unknown, type: string): string {
    this.values.push(value);
    return `$${this.values.length}::${type}`;
  }
}
