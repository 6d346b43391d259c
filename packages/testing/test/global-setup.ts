import { createGlobalSetup } from '../src/vitest-setup'

export default createGlobalSetup({ postgres: true })
