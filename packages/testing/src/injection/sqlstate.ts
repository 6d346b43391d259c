/** The PostgreSQL error found somewhere in an error's cause chain. */
export interface DatabaseErrorInfo {
  /** Five-character SQLSTATE, e.g. `42601`. */
  readonly code: string
  readonly message: string
}

const SQLSTATE = /^[0-9A-Z]{5}$/

/**
 * Finds the first PostgreSQL error in `error`, its `cause` chain or the
 * errors of an `AggregateError`. Drivers and query builders wrap errors
 * differently; this looks through the usual wrappers.
 */
export function findDatabaseError(error: unknown, depth = 0): DatabaseErrorInfo | undefined {
  if (typeof error !== 'object' || error === null || depth > 6) return undefined
  const candidate = error as Record<string, unknown>
  const code = candidate['code'] ?? candidate['sqlState']
  const fromServer = 'severity' in candidate || 'sqlState' in candidate || 'routine' in candidate
  if (typeof code === 'string' && SQLSTATE.test(code) && fromServer) {
    return { code, message: String(candidate['message'] ?? '') }
  }
  const errors = Array.isArray(candidate['errors']) ? candidate['errors'] : []
  const nested = [candidate['cause'], ...errors]
  for (const inner of nested) {
    const found = findDatabaseError(inner, depth + 1)
    if (found) return found
  }
  return undefined
}
