import type { Queryable } from '../queryable'
import { CATALOG_SQL } from './catalog-sql'

/** Runs the catalog query; its rows are `{ key, value }`. */
export async function readCatalog(db: Queryable): Promise<Array<Record<string, unknown>>> {
  return (await db.query(CATALOG_SQL)).rows
}
