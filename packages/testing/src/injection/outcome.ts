import type { InjectionPayload } from './payload'

/** What one call of the code under test did, and how long it took. */
export type Outcome<R> =
  | { readonly kind: 'value'; readonly value: R; readonly ms: number }
  | { readonly kind: 'error'; readonly error: unknown; readonly ms: number }
  | { readonly kind: 'timeout'; readonly ms: number }

/** The code under test, called with one input. */
export type InjectionCall<R> = (input: string, payload?: InjectionPayload) => Promise<R>

type Settled<R> =
  | { readonly kind: 'value'; readonly value: R }
  | { readonly kind: 'error'; readonly error: unknown }

/**
 * Calls `call` once and records the outcome. A call that outlives
 * `timeoutMs` is recorded as a timeout; the harness then gives it as long
 * again to finish so it does not hold the connection the next call needs.
 */
export async function observe<R>(
  call: InjectionCall<R>,
  input: string,
  payload: InjectionPayload | undefined,
  timeoutMs: number,
): Promise<Outcome<R>> {
  const start = performance.now()
  const settled: Promise<Settled<R>> = Promise.resolve()
    .then(() => call(input, payload))
    .then((value) => ({ kind: 'value', value }), (error: unknown) => ({ kind: 'error', error }))
  const result = await raceTimer(settled, timeoutMs)
  const ms = Math.round(performance.now() - start)
  if (result !== undefined) return { ...result, ms }
  await raceTimer(settled, timeoutMs)
  return { kind: 'timeout', ms }
}

async function raceTimer<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined
  const expired = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms)
  })
  try {
    return await Promise.race([promise, expired])
  } finally {
    clearTimeout(timer)
  }
}
