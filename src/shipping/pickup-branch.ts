import type { Locale } from '../common/locale';

export type Bilingual = Record<Locale, string>;

/** The branch where customers can pick up their fapiao, as shown to customers and in mails. */
export interface PickupBranch {
  name: Bilingual;
  address: Bilingual;
  contactName: Bilingual;
  contactPhone: string;
}

/** Injection token: the pick-up branch configuration (override it to move the branch). */
export const PICKUP_BRANCH = Symbol('PICKUP_BRANCH');

/** The configured default: the Shanghai branch. */
export const DEFAULT_PICKUP_BRANCH: PickupBranch = {
  name: { 'zh-CN': '上海分公司', en: 'Shanghai branch' },
  address: {
    'zh-CN': '上海市浦东新区科苑路88号德国中心3号楼657室',
    en: 'Shanghai, Pudong New Area, Keyuan Road No. 88, German Center, building 3, 657',
  },
  contactName: { 'zh-CN': '朱琴琴', en: 'Zhu Qinqin' },
  contactPhone: '021-28986102',
};

/** "Zhu Qinqin, 021-28986102": the contact line printed in mails. */
export function branchContactLine(branch: PickupBranch, locale: Locale): string {
  const separator = locale === 'zh-CN' ? '，' : ', ';
  return `${branch.contactName[locale]}${separator}${branch.contactPhone}`;
}
