import type { EntityManager } from 'typeorm';
import { SupportRequestException } from './support-request.exception';

export interface BillLedger {
  /** Sum of blue documents minus their red-letter reversals (red amounts are negative). */
  netFen: number;
  /** Blue documents not reversed by a red one. */
  validBlueCount: number;
}

/**
 * THE invariant, checked in this one place: for every bill, the sum of its valid blue documents
 * minus their reversals never exceeds the bill amount, and equals it once issued. Blue amounts
 * are positive and each red one is the exact negative of the blue it reverses, so the net is
 * simply the sum of every document of every application of the bill.
 */
export async function readBillLedger(manager: EntityManager, orderId: string): Promise<BillLedger> {
  const [row]: { net: string | null; valid: string }[] = await manager.query(
    `SELECT COALESCE(sum(d.amount_fen), 0) AS net,
            count(*) FILTER (WHERE d.kind = 'blue' AND NOT EXISTS (
              SELECT 1 FROM fapiao_documents r WHERE r.reverses_document_id = d.id)) AS valid
       FROM fapiao_documents d JOIN fapiao_applications a ON a.id = d.application_id
      WHERE a.order_id = $1`,
    [orderId],
  );
  return { netFen: Number(row.net), validBlueCount: Number(row.valid) };
}

/**
 * Checks the invariant inside the caller's transaction (after each write, so it also holds
 * "at every point"); `issued` = the bill's fapiao are issued, so the net must equal the bill.
 * Throws (rolling the transaction back) when it does not hold.
 */
export async function assertBillInvariant(
  manager: EntityManager,
  bill: { orderId: string; orderNumber: string; amountFen: number },
  issued: boolean,
): Promise<BillLedger> {
  const ledger = await readBillLedger(manager, bill.orderId);
  if (!billInvariantHolds(ledger.netFen, bill.amountFen, issued)) {
    throw SupportRequestException.billTotalViolated(
      bill.orderNumber,
      ledger.netFen,
      bill.amountFen,
    );
  }
  return ledger;
}

export function billInvariantHolds(netFen: number, billFen: number, issued: boolean): boolean {
  return netFen >= 0 && netFen <= billFen && (!issued || netFen === billFen);
}
