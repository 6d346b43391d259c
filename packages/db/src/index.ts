// Pool, tenant context and the tenant filter plugin.
export * from './core'
// Row-level security migration helpers and the isolation audit.
export * from './rls'
export * from './audit'
