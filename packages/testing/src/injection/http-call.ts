import { UsageError } from '../usage-error'
import { observation, type HttpObservation } from './http-observation'

/** Where the input goes in the request. */
export type HttpPlace = 'query' | 'path' | 'json' | 'form' | 'header'

export interface HttpCallOptions {
  /**
   * The route. For `place: 'path'`, mark the input's spot with `{input}`.
   * @example 'http://127.0.0.1:3000/notes/{input}'
   */
  readonly url: string | URL
  /** @default 'GET', or 'POST' for json and form */
  readonly method?: string
  /** @default 'query' */
  readonly place?: HttpPlace
  /**
   * Query parameter, JSON field, form field or header that carries the
   * input; unused for `path`.
   * @default 'q'
   */
  readonly name?: string
  /**
   * Headers sent with every request, e.g. the attacking tenant's token.
   * @default {}
   */
  readonly headers?: Readonly<Record<string, string>>
  /**
   * Other JSON or form fields sent with every request.
   * @default {}
   */
  readonly fields?: Readonly<Record<string, unknown>>
  /**
   * Allow a host other than loopback. Payloads are attacks: aim them only
   * at servers you started for the test.
   * @default false
   */
  readonly allowRemoteHost?: boolean
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]'])

/**
 * Turns an input into an HTTP request with `fetch` and resolves with what
 * the route answered, ready to pass as `call` to `runInjectionSuite`.
 *
 * @example
 * const call = httpCall({
 *   url: `http://127.0.0.1:${port}/notes`, name: 'title',
 *   headers: { 'x-tenant-id': tenantA },
 * })
 * await runInjectionSuite({ name: 'GET /notes', call, benign: 'alpha' })
 */
export function httpCall(options: HttpCallOptions): (input: string) => Promise<HttpObservation> {
  const base = checkOptions(options)
  const place = options.place ?? 'query'
  const name = options.name ?? 'q'
  const bodyPlace = place === 'json' || place === 'form'
  const method = options.method ?? (bodyPlace ? 'POST' : 'GET')
  const fields = options.fields ?? {}

  return async (input) => {
    const headers: Record<string, string> = { ...options.headers }
    let url = new URL(base)
    let body: string | undefined
    if (place === 'query') url.searchParams.set(name, input)
    if (place === 'path') {
      url = new URL(base.replace(encodeURI('{input}'), encodeURIComponent(input)))
    }
    if (place === 'header') headers[name] = input
    if (place === 'json') {
      headers['content-type'] = 'application/json'
      body = JSON.stringify({ ...fields, [name]: input })
    }
    if (place === 'form') {
      headers['content-type'] = 'application/x-www-form-urlencoded'
      const form = new URLSearchParams()
      for (const [key, value] of Object.entries(fields)) form.set(key, String(value))
      form.set(name, input)
      body = form.toString()
    }
    const response = await fetch(url, { method, headers, ...(body === undefined ? {} : { body }) })
    const text = await response.text()
    return observation(response.status, Object.fromEntries(response.headers), text)
  }
}

function checkOptions(options: HttpCallOptions): string {
  const where = 'httpCall'
  let url: URL
  try {
    url = new URL(options.url)
  } catch {
    throw new UsageError(where, 'url is not an absolute URL',
      "pass e.g. 'http://127.0.0.1:3000/notes'")
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(where, `url uses ${url.protocol}`, 'use http: or https:')
  }
  if (!LOOPBACK.has(url.hostname) && options.allowRemoteHost !== true) {
    throw new UsageError(where, `${url.hostname} is not a loopback host`,
      'start the app on 127.0.0.1 for the test, or set allowRemoteHost: true ' +
        'for a disposable server you own')
  }
  if (options.place === 'path' && !url.toString().includes(encodeURI('{input}'))) {
    throw new UsageError(where, 'place is path but the url has no {input}',
      "mark the spot, e.g. 'http://127.0.0.1:3000/notes/{input}'")
  }
  return url.toString()
}
