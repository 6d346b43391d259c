/** What an HTTP route answered to one input. */
export interface HttpObservation {
  readonly status: number
  /** Response headers, lower-case names. */
  readonly headers: Readonly<Record<string, string>>
  /** The body as text. */
  readonly body: string
  /** The body parsed as JSON, or undefined when it is not JSON. */
  readonly json: unknown
}

const observations = new WeakSet<object>()

/** Records an observation so the harness knows to compare it as HTTP. */
export function observation(
  status: number,
  headers: Record<string, string>,
  body: string,
): HttpObservation {
  let json: unknown
  try {
    json = JSON.parse(body)
  } catch {
    json = undefined
  }
  const result: HttpObservation = Object.freeze({ status, headers, body, json })
  observations.add(result)
  return result
}

/** Whether `value` came from `httpCall`. */
export function isHttpObservation(value: unknown): value is HttpObservation {
  return typeof value === 'object' && value !== null && observations.has(value)
}
