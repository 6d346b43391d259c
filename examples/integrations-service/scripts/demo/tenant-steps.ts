import type { FakeCrm } from '../../src/crm/fake-crm'
import type { ApiRequest, ApiResponse } from './api-client'
import { itemsOf, type DemoTenant } from './isolation-step'
import type { Transcript } from './transcript'

type Api = (request: ApiRequest) => Promise<ApiResponse>

/** Creates the demo's tenants through the admin endpoint. */
export async function createTenants(
  api: Api,
  t: Transcript,
  adminToken: string,
  names: readonly string[],
): Promise<DemoTenant[]> {
  const tenants: DemoTenant[] = []
  for (const name of names) {
    const res = await api({
      method: 'POST', path: '/admin/tenants', key: adminToken, body: { name },
    })
    const body = res.body as { tenant: { id: string }; apiKey: string }
    t.expect(res.status === 201,
      `tenant "${name}" ${body.tenant.id} (API key shown once, stored hashed)`)
    tenants.push({ id: body.tenant.id, name, key: body.apiKey, integrationIds: [] })
  }
  return tenants
}

/**
 * Each tenant goes through the CRM's consent (the fake hands out a code)
 * and posts the code; the response must show a fingerprint, no token.
 */
export async function connectAccounts(
  api: Api,
  t: Transcript,
  crm: FakeCrm,
  accounts: readonly (readonly [DemoTenant, string])[],
): Promise<void> {
  for (const [tenant, account] of accounts) {
    const res = await api({
      method: 'POST', path: '/integrations', key: tenant.key,
      body: { code: crm.authorize(account) },
    })
    const view = res.body as { id: string; tokenFingerprint: string }
    const text = JSON.stringify(res.body)
    t.expect(res.status === 201 && !/crm_(at|rt)_/.test(text),
      `${tenant.name} connected "${account}": ${view.tokenFingerprint}, ` +
        'no token in the response')
    tenant.integrationIds.push(view.id)
  }
}

/** Each tenant's list holds exactly its own integrations; then a cursor. */
export async function listOwnIntegrations(
  api: Api,
  t: Transcript,
  tenants: readonly DemoTenant[],
): Promise<void> {
  for (const tenant of tenants) {
    const res = await api({
      path: '/integrations?sort=accountName&order=asc', key: tenant.key,
    })
    const items = itemsOf(res) as { id: string; accountName: string }[]
    const own = items.every((i) => tenant.integrationIds.includes(i.id))
    t.expect(res.status === 200 && own &&
      items.length === tenant.integrationIds.length,
      `${tenant.name}: ${items.map((i) => i.accountName).join(', ')}`)
  }
  const key = tenants[0]?.key ?? ''
  const page = await api({ path: '/integrations?limit=1&q=acme', key })
  const next = (page.body as { nextCursor: string | null }).nextCursor
  const page2 = await api({
    path: `/integrations?limit=1&q=acme&cursor=${next ?? ''}`, key,
  })
  t.expect(itemsOf(page).length === 1 && itemsOf(page2).length === 1 &&
    itemsOf(page)[0]?.id !== itemsOf(page2)[0]?.id,
    'filter q=acme, limit=1: two pages through a keyset cursor')
}
