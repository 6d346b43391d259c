import { defineConfig } from 'eslint/config'
import tseslint from 'typescript-eslint'
import { describe, expect, it } from 'vitest'
import tenantkit from '../src/index'

// These calls also run through `tsc`: the plugin must fit both ESLint's and
// typescript-eslint's config types without casts.
describe('config types', () => {
  it("fit ESLint's defineConfig", () => {
    const config = defineConfig(tenantkit.configs.recommended, {
      plugins: { tenantkit },
      rules: { 'tenantkit/no-session-tenant-setting': ['error', { settingPrefixes: ['app.'] }] },
    })
    expect(config.some((entry) => entry.rules?.['tenantkit/no-raw-sql-injection'] === 'error'))
      .toBe(true)
  })

  it("fit typescript-eslint's config helper", () => {
    const config = tseslint.config(...tseslint.configs.recommended, tenantkit.configs.recommended)
    expect(config.at(-1)?.rules?.['tenantkit/no-sql-string-building']).toBe('error')
  })
})
