/** One HTTP answer of the service. */
export interface ApiResponse {
  readonly status: number
  readonly body: unknown
}

/** What the demo sends: a method, a path, a key and maybe a body. */
export interface ApiRequest {
  readonly method?: string
  readonly path: string
  readonly key?: string
  readonly body?: unknown
  readonly headers?: Readonly<Record<string, string>>
}

/**
 * A minimal client for the service over real HTTP (loopback only).
 *
 * @example
 * const api = createApiClient('http://127.0.0.1:41234')
 * const { status, body } = await api({ path: '/integrations', key })
 */
export function createApiClient(
  baseUrl: string,
): (request: ApiRequest) => Promise<ApiResponse> {
  return async (request) => {
    const headers: Record<string, string> = { ...request.headers }
    if (request.key !== undefined) {
      headers['authorization'] = `Bearer ${request.key}`
    }
    if (request.body !== undefined) {
      headers['content-type'] = 'application/json'
    }
    const response = await fetch(new URL(request.path, baseUrl), {
      method: request.method ?? 'GET',
      headers,
      ...(request.body === undefined
        ? {}
        : { body: JSON.stringify(request.body) }),
    })
    const text = await response.text()
    return { status: response.status, body: text ? JSON.parse(text) : null }
  }
}
