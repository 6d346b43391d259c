import { createGlobalSetup } from '../src/vitest-setup'
import { migrate } from './fixtures/schema'

// One migrated template per run; every test file copies it.
export default createGlobalSetup({ postgres: true, template: { migrate, prefix: 'testing_tpl' } })
