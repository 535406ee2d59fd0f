// pg exports `./lib/*` (package.json "exports"); @types/pg does not describe this module.
declare module 'pg/lib/utils' {
  /** How pg turns a query value (Date, Buffer, array, object…) into its wire text. */
  export function prepareValue(value: unknown): string | Buffer | null;
}
