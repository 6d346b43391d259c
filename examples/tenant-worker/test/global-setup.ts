import { createGlobalSetup } from '@tenantkit/testing/vitest'

export default createGlobalSetup({ postgres: true, kafka: true })
