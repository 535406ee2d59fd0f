/**
 * Texts of the journey pages (billing records, apply steps, applications, support requests) in
 * Simplified Chinese. The English file (journey.en.ts) must have exactly these keys.
 */
export const journeyZhCN = {} as const;
