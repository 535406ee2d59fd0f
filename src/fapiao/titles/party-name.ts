/**
 * Company and person names as typed by people: full-width and half-width forms (（ vs (,
 * Ａ vs A, the ideographic space) and stray spaces must not make two spellings of the same name
 * differ. NFKC folds the full-width forms into their half-width equivalents.
 */
export function normalisePartyName(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ');
}

/** Whether the fapiao title names the payer of the payment record. */
export function isSameParty(titleBuyerName: string, payerName: string): boolean {
  return normalisePartyName(titleBuyerName) === normalisePartyName(payerName);
}
