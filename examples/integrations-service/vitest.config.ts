import { packageTests } from '../../vitest.shared.ts'

export default packageTests({
  globalSetup: ['test/global-setup.ts'],
  // Several tests start the app as a child process through tsx, which takes
  // far longer than a unit test on a busy 2-core CI machine.
  testTimeout: 90_000,
})
