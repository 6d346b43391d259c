import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'
import { corpusConfig, FIXTURES } from './corpus/evaluate'

interface SarifLog {
  version: string
  runs: {
    tool: { driver: { name: string; rules?: { id: string; helpUri?: string }[] } }
    results: {
      ruleId: string
      level: string
      locations: { physicalLocation: { region: { startLine: number } } }[]
    }[]
  }[]
}

describe('SARIF output', () => {
  it('reports tenantkit findings through @microsoft/eslint-formatter-sarif', async () => {
    const eslint = new ESLint({
      cwd: FIXTURES,
      overrideConfigFile: true,
      overrideConfig: corpusConfig(),
    })
    const file = join('vulnerable', 'pg-template-where.ts')
    const results = await eslint.lintFiles([file])
    const source = (await readFile(join(FIXTURES, file), 'utf8')).split('\n')
    const queryLine = source.findIndex((line) => line.includes('client.query(')) + 1
    const formatter = await eslint.loadFormatter('@microsoft/eslint-formatter-sarif')
    // ESLint hands the formatter the rules' metadata, so helpUri comes from docs.url.
    const log = JSON.parse(await formatter.format(results)) as SarifLog

    expect(log.version).toBe('2.1.0')
    const [run] = log.runs
    expect(run?.tool.driver.name).toBe('ESLint')
    expect(run?.results.map((r) => [r.ruleId, r.level])).toEqual([
      ['tenantkit/no-sql-string-building', 'error'],
    ])
    expect(run?.results[0]?.locations[0]?.physicalLocation.region.startLine).toBe(queryLine)
    const rule = run?.tool.driver.rules?.find((r) => r.id === 'tenantkit/no-sql-string-building')
    expect(rule?.helpUri).toMatch(/docs\/rules\/no-sql-string-building\.md$/)
  })
})
