import { z } from 'zod'

/** Tokens the CRM handed out; plaintext, so keep them in memory only. */
export interface CrmTokens {
  readonly accessToken: string
  readonly refreshToken: string
  readonly expiresAt: Date
  readonly accountName: string
}

/** Talks to the CRM's OAuth token endpoint. */
export interface CrmClient {
  /** Exchanges a one-time authorization code for tokens. */
  exchangeCode(code: string): Promise<CrmTokens>
  /** Trades a refresh token for new tokens (the old one stops working). */
  refresh(refreshToken: string): Promise<CrmTokens>
}

/** Options of {@link createCrmClient}. */
export interface CrmClientOptions {
  /** @example 'https://login.crm.example/oauth/token' */
  readonly tokenUrl: string
  readonly clientId: string
  readonly clientSecret: string
  /** @default 5000 */
  readonly timeoutMs?: number
}

/**
 * The CRM refused or failed. The message names the grant and the HTTP
 * status, never a token or the response body.
 */
export class CrmError extends Error {
  override readonly name = 'CrmError'
  /** True when the CRM said the code or refresh token is not valid. */
  readonly invalidGrant: boolean

  constructor(message: string, invalidGrant: boolean, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause })
    this.invalidGrant = invalidGrant
  }
}

const tokenResponse = z.object({
  access_token: z.string().min(1).max(4096),
  refresh_token: z.string().min(1).max(4096),
  expires_in: z.number().int().positive().max(31_536_000),
  // PostgreSQL cannot store NUL: refused here, a 502, not a failed insert.
  account_name: z.string().min(1).max(200)
    .refine((name) => !name.includes('\u0000')),
})

/**
 * Creates the CRM client.
 *
 * @example
 * const crm = createCrmClient({ tokenUrl, clientId, clientSecret })
 * const tokens = await crm.exchangeCode(code)
 */
export function createCrmClient(options: CrmClientOptions): CrmClient {
  const timeoutMs = options.timeoutMs ?? 5000
  const request = async (grant: string, fields: Record<string, string>) => {
    const body = new URLSearchParams({
      grant_type: grant,
      client_id: options.clientId,
      client_secret: options.clientSecret,
      ...fields,
    })
    let response: Response
    try {
      response = await fetch(options.tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      })
    } catch (error) {
      throw new CrmError(`CRM token endpoint unreachable (${grant}).`,
        false, error)
    }
    const text = await response.text()
    if (!response.ok) {
      const invalid = response.status === 400 && text.includes('invalid_grant')
      throw new CrmError(
        `CRM refused the ${grant} grant with HTTP ${response.status}.`,
        invalid)
    }
    return toTokens(text, grant)
  }
  return {
    exchangeCode: (code) => request('authorization_code', { code }),
    refresh: (token) => request('refresh_token', { refresh_token: token }),
  }
}

function toTokens(text: string, grant: string): CrmTokens {
  let parsed: z.infer<typeof tokenResponse>
  try {
    parsed = tokenResponse.parse(JSON.parse(text))
  } catch {
    // The body may hold tokens: neither it nor zod's issues are kept.
    throw new CrmError(`CRM sent an unexpected ${grant} response.`, false)
  }
  return {
    accessToken: parsed.access_token,
    refreshToken: parsed.refresh_token,
    expiresAt: new Date(Date.now() + parsed.expires_in * 1000),
    accountName: parsed.account_name,
  }
}
