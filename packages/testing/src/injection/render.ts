import { isHttpObservation } from './http-observation'

/**
 * Everything a result or error says, as text, for scanning: values as JSON
 * (bigints and buffers included), errors with their detail, hint and causes.
 */
export function renderForScan(value: unknown): string {
  if (value instanceof Error || isErrorLike(value)) return renderError(value, 0)
  if (isHttpObservation(value)) {
    return `${value.status} ${JSON.stringify(value.headers)} ${value.body}`
  }
  return stringify(value)
}

function isErrorLike(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && 'message' in value && 'stack' in value
}

function renderError(error: unknown, depth: number): string {
  if (typeof error !== 'object' || error === null || depth > 6) return String(error)
  const e = error as Record<string, unknown>
  const parts = ['message', 'detail', 'hint', 'where', 'table', 'column']
    .map((key) => e[key])
    .filter((part): part is string => typeof part === 'string')
  if (e['cause'] !== undefined) parts.push(renderError(e['cause'], depth + 1))
  if (Array.isArray(e['errors'])) {
    for (const inner of e['errors']) parts.push(renderError(inner, depth + 1))
  }
  return parts.join('\n')
}

function stringify(value: unknown): string {
  const seen = new WeakSet<object>()
  try {
    return JSON.stringify(value, (_key, v: unknown) => {
      if (typeof v === 'bigint') return v.toString()
      if (v instanceof Uint8Array) return Buffer.from(v).toString('utf8')
      if (isSerialisedBuffer(v)) return Buffer.from(v.data).toString('utf8')
      if (typeof v === 'object' && v !== null) {
        if (seen.has(v)) return '[circular]'
        seen.add(v)
      }
      return v
    }) ?? String(value)
  } catch {
    return String(value)
  }
}

/** What `Buffer#toJSON` turns a buffer into before a replacer sees it. */
function isSerialisedBuffer(v: unknown): v is { data: number[] } {
  return typeof v === 'object' && v !== null &&
    (v as { type?: unknown }).type === 'Buffer' && Array.isArray((v as { data?: unknown }).data)
}
