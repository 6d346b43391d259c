import { createGlobalSetup } from '@tenantkit/testing/vitest'

const setup: ReturnType<typeof createGlobalSetup> = createGlobalSetup({
  postgres: true,
})

export default setup
