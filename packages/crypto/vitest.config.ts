import { packageTests } from '../../vitest.shared.ts'

const config: ReturnType<typeof packageTests> = packageTests({
  globalSetup: ['test/global-setup.ts'],
})

export default config
