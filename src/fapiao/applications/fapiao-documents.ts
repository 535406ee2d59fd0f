import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { FapiaoException } from '../fapiao.exception';
import { isUniqueViolation } from '../unique-violation';
import { DOCUMENT_NUMBER_INDEX, FapiaoDocument } from './entities/fapiao-document.entity';

/**
 * Corrects a mistyped number of one of the application's documents; false if it has no document
 * with that number. The unique index refuses a number another document already has.
 */
export async function renumberFapiaoDocument(
  manager: EntityManager,
  applicationId: string,
  from: string,
  to: string,
): Promise<boolean> {
  try {
    const result = await manager.update(
      FapiaoDocument,
      { applicationId, number: from },
      { number: to },
    );
    return result.affected === 1;
  } catch (error) {
    if (isUniqueViolation(error, DOCUMENT_NUMBER_INDEX))
      throw FapiaoException.documentNumberTaken(to);
    throw error;
  }
}

/**
 * Writes issued documents (the service centre's issue, support's reversals and reissues). A
 * number already used by any document is 409 DOCUMENT_NUMBER_TAKEN: the unique index decides,
 * so two staff issuing the same number at once cannot both succeed.
 */
export async function insertFapiaoDocuments(
  manager: EntityManager,
  rows: QueryDeepPartialEntity<FapiaoDocument>[],
): Promise<void> {
  try {
    await manager.insert(FapiaoDocument, rows);
  } catch (error) {
    if (isUniqueViolation(error, DOCUMENT_NUMBER_INDEX)) {
      throw FapiaoException.documentNumberTaken(rows.map((r) => String(r.number)).join(', '));
    }
    throw error;
  }
}
