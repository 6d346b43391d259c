import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { ESLint } from 'eslint'
import tseslint from 'typescript-eslint'
import { describe, expect, it } from 'vitest'
import packageJson from '../package.json'
import plugin from '../src/index'

const snippet = [
  "import pg from 'pg'",
  'const pool = new pg.Pool()',
  'export const find = (id: string) => pool.query(`select * from t where id = ${id}`)',
].join('\n')

describe('configs.recommended', () => {
  it('turns every rule on as an error under the tenantkit/ prefix', () => {
    const names = Object.keys(plugin.rules).map((name) => `tenantkit/${name}`)
    expect(plugin.configs.recommended.rules).toEqual(
      Object.fromEntries(names.map((name) => [name, 'error'])),
    )
    expect(plugin.configs.recommended.plugins?.['tenantkit']).toBe(plugin)
  })

  it('runs inside a typescript-eslint flat config on ESLint 9', async () => {
    const eslint = new ESLint({
      overrideConfigFile: true,
      overrideConfig: tseslint.config(
        ...tseslint.configs.recommended,
        plugin.configs.recommended,
      ) as ESLint.Options['overrideConfig'],
    })
    const [result] = await eslint.lintText(snippet, { filePath: 'repo.ts' })
    expect(result?.messages.map((m) => m.ruleId)).toEqual(['tenantkit/no-sql-string-building'])
    expect(ESLint.version.split('.')[0]).toBe('9')
  })

  it('documents every rule in docs/rules and links there', () => {
    for (const [name, rule] of Object.entries(plugin.rules)) {
      expect(existsSync(resolve(import.meta.dirname, `../docs/rules/${name}.md`))).toBe(true)
      expect(rule.meta?.docs?.url).toBe(
        `https://unpkg.com/@tenantkit/eslint-plugin/docs/rules/${name}.md`,
      )
    }
  })

  it('names itself after the package', () => {
    expect(plugin.meta).toEqual({ name: packageJson.name, version: packageJson.version })
  })
})
