import type { ApiRequest, ApiResponse } from './api-client'
import type { Transcript } from './transcript'

/** One tenant as the demo knows it. */
export interface DemoTenant {
  readonly id: string
  readonly name: string
  readonly key: string
  readonly integrationIds: string[]
}

type Api = (request: ApiRequest) => Promise<ApiResponse>

/**
 * Tenant A tries to reach tenant B's data every way a client could: by
 * id, by a crafted filter, by a forged tenant field in the query, the
 * body and a header. Each attempt must fail and leave B's data intact.
 */
export async function attemptCrossTenantAccess(
  api: Api,
  t: Transcript,
  a: DemoTenant,
  b: DemoTenant,
): Promise<void> {
  const target = b.integrationIds[0] ?? ''
  const byId = await api({ path: `/integrations/${target}`, key: a.key })
  t.expect(byId.status === 404,
    `GET B's integration by id with A's key -> ${byId.status} not found`)

  const refresh = await api({
    method: 'POST', path: `/integrations/${target}/refresh`, key: a.key,
  })
  t.expect(refresh.status === 404,
    `refresh B's integration with A's key -> ${refresh.status}`)

  const removal = await api({
    method: 'DELETE', path: `/integrations/${target}`, key: a.key,
  })
  t.expect(removal.status === 404,
    `DELETE B's integration with A's key -> ${removal.status}`)

  for (const q of ["' OR 1=1 --", '%', `${b.name}') OR tenant_id IS NOT NULL --`]) {
    const crafted = await api({
      path: `/integrations?q=${encodeURIComponent(q)}`, key: a.key,
    })
    const items = itemsOf(crafted)
    t.expect(crafted.status === 200 && items.length === 0,
      `crafted filter q=${JSON.stringify(q)} -> ${crafted.status}, ` +
        `${items.length} rows`)
  }

  const sort = await api({
    path: '/integrations?sort=tenant_id', key: a.key,
  })
  t.expect(sort.status === 400,
    `sort by a column outside the allowlist -> ${sort.status}`)

  const forgedQuery = await api({
    path: `/integrations?tenantId=${b.id}`, key: a.key,
  })
  t.expect(forgedQuery.status === 400,
    `forged tenantId query parameter -> ${forgedQuery.status} refused`)

  const forgedBody = await api({
    method: 'POST', path: '/integrations', key: a.key,
    body: { code: 'crm_code_forged', tenantId: b.id },
  })
  t.expect(forgedBody.status === 400,
    `forged tenantId body field -> ${forgedBody.status} refused`)

  const forgedHeader = await api({
    path: '/integrations', key: a.key, headers: { 'x-tenant-id': b.id },
  })
  const seen = itemsOf(forgedHeader).map((i) => i.id)
  t.expect(forgedHeader.status === 200 &&
    seen.every((id) => a.integrationIds.includes(id)),
    'forged x-tenant-id header -> ignored, still only A\'s integrations')

  const forgedKey = `tk_${b.id}_${a.key.slice(-43)}`
  const wrongKey = await api({ path: '/integrations', key: forgedKey })
  t.expect(wrongKey.status === 401,
    `A's secret presented under B's tenant id -> ${wrongKey.status}`)

  const intact = await api({ path: '/integrations', key: b.key })
  t.expect(itemsOf(intact).length === b.integrationIds.length,
    `B's integrations are intact (${itemsOf(intact).length})`)
}

/** The `items` of a list answer. */
export function itemsOf(response: ApiResponse): { id: string }[] {
  const body = response.body as { items?: { id: string }[] } | null
  return body?.items ?? []
}
