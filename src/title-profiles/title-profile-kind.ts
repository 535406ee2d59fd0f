/** A saved title names a company (or other organisation) or an individual. REST values. */
export const TITLE_PROFILE_KINDS = ['company', 'individual'] as const;
export type TitleProfileKind = (typeof TITLE_PROFILE_KINDS)[number];
