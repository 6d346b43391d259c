import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A small OAuth 2.0 authorization server standing in for a CRM, for the
 * demo, development and tests: real HTTP on 127.0.0.1 only. It issues
 * authorization codes, exchanges them for access and refresh tokens, and
 * rotates refresh tokens on every refresh, as careful providers do.
 */
export interface FakeCrm {
  /** The token endpoint, e.g. `http://127.0.0.1:41234/oauth/token`. */
  readonly tokenUrl: string
  /**
   * Its consent screen, for development over HTTP: POST a form with
   * `account_name` and get `{ "code": ... }` back, as `authorize()` does.
   */
  readonly authorizeUrl: string
  /** Client id and secret the server accepts. */
  readonly clientId: string
  /**
   * What the CRM's consent screen would hand back: a one-time code that
   * connects `accountName`.
   */
  authorize(accountName: string): string
  /** Whether `token` is an access token the CRM currently honours. */
  isValidAccessToken(token: string): boolean
  /** Token endpoint requests served, by grant type. */
  readonly requests: Readonly<Record<string, number>>
  close(): Promise<void>
}

/** Options of {@link startFakeCrm}. */
export interface FakeCrmOptions {
  readonly clientId: string
  readonly clientSecret: string
  /** @default 3600 */
  readonly expiresInSeconds?: number
}

interface Grant {
  readonly accountName: string
}

/**
 * Starts the fake CRM on 127.0.0.1 on a free port.
 *
 * @example
 * const crm = await startFakeCrm({ clientId: 'app', clientSecret: 's' })
 * const code = crm.authorize('Acme Sales')
 */
export async function startFakeCrm(options: FakeCrmOptions): Promise<FakeCrm> {
  const codes = new Map<string, Grant>()
  const refreshTokens = new Map<string, Grant>()
  const accessTokens = new Set<string>()
  const requests: Record<string, number> = {}
  const expiresIn = options.expiresInSeconds ?? 3600

  const issue = (grant: Grant) => {
    const access = `crm_at_${randomBytes(24).toString('base64url')}`
    const refresh = `crm_rt_${randomBytes(24).toString('base64url')}`
    accessTokens.add(access)
    refreshTokens.set(refresh, grant)
    return {
      access_token: access,
      refresh_token: refresh,
      token_type: 'Bearer',
      expires_in: expiresIn,
      account_name: grant.accountName,
    }
  }

  const authorize = (accountName: string): string => {
    const code = `crm_code_${randomBytes(16).toString('base64url')}`
    codes.set(code, { accountName })
    return code
  }

  const server = createServer((request, response) => {
    const send = (status: number, body: object): void => {
      response.writeHead(status, { 'content-type': 'application/json' })
      response.end(JSON.stringify(body))
    }
    if (request.method === 'POST' && request.url === '/oauth/authorize') {
      readForm(request).then((form) => {
        const accountName = form.get('account_name') ?? ''
        if (accountName === '') send(400, { error: 'invalid_request' })
        else send(200, { code: authorize(accountName) })
      }, () => send(400, { error: 'invalid_request' }))
      return
    }
    if (request.method !== 'POST' || request.url !== '/oauth/token') {
      send(404, { error: 'not_found' })
      return
    }
    readForm(request).then((form) => {
      const grantType = form.get('grant_type') ?? ''
      requests[grantType] = (requests[grantType] ?? 0) + 1
      if (form.get('client_id') !== options.clientId ||
        form.get('client_secret') !== options.clientSecret) {
        send(401, { error: 'invalid_client' })
        return
      }
      const grant = redeem(grantType, form, codes, refreshTokens)
      if (grant === undefined) send(400, { error: 'invalid_grant' })
      else send(200, issue(grant))
    }, () => send(400, { error: 'invalid_request' }))
  })

  const address = await listen(server)
  return {
    tokenUrl: `http://127.0.0.1:${address.port}/oauth/token`,
    authorizeUrl: `http://127.0.0.1:${address.port}/oauth/authorize`,
    clientId: options.clientId,
    authorize,
    isValidAccessToken: (token) => accessTokens.has(token),
    requests,
    close: () => new Promise((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    }),
  }
}

function redeem(
  grantType: string,
  form: URLSearchParams,
  codes: Map<string, Grant>,
  refreshTokens: Map<string, Grant>,
): Grant | undefined {
  const store = grantType === 'authorization_code' ? codes
    : grantType === 'refresh_token' ? refreshTokens : undefined
  const presented = form.get(
    grantType === 'authorization_code' ? 'code' : 'refresh_token')
  if (store === undefined || presented === null) return undefined
  const grant = store.get(presented)
  // Codes and refresh tokens are single use.
  store.delete(presented)
  return grant
}

async function readForm(request: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > 16_384) throw new Error('request body too large')
    chunks.push(chunk)
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'))
}

function listen(server: Server): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      resolve(server.address() as AddressInfo)
    })
  })
}
