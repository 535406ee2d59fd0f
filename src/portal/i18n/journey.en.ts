import type { journeyZhCN } from './journey.zh-CN';

/** Texts of the journey pages in English; the keys are journey.zh-CN.ts's (type-checked). */
export const journeyEn: Record<keyof typeof journeyZhCN, string> = {};
