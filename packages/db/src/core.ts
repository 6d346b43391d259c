// Pool, tenant context and the tenant filter plugin.
export * from './errors/index'
export * from './logger/index'
export * from './tenant/index'
