import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseCliArgs, UsageError } from '../src/cli/parse-args'
import { runCli } from '../src/cli/run-cli'
import { FIXTURES } from './corpus/evaluate'

function capture() {
  const out: string[] = []
  const err: string[] = []
  return {
    io: { cwd: FIXTURES, stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t) },
    out: () => out.join(''),
    err: () => err.join(''),
  }
}

let scratch: string
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'tenantkit-eslint-cli-'))
})
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true })
})

describe('tenantkit-eslint', () => {
  it('exits 1 and prints findings for vulnerable code', async () => {
    const run = capture()
    const code = await runCli(['vulnerable/order-by-column-pg-template.ts'], run.io)
    expect(code).toBe(1)
    expect(run.out()).toContain('tenantkit/no-sql-string-building')
  })

  it('exits 0 on safe code, ignoring the repository ESLint config', async () => {
    const run = capture()
    expect(await runCli(['safe'], run.io)).toBe(0)
    expect(run.err()).toBe('')
  })

  it("ignores the repository's disable comments for rules it does not load", async () => {
    await writeFile(join(scratch, 'app.ts'), [
      '// eslint-disable-next-line @typescript-eslint/no-explicit-any',
      'export const value: any = 1',
      '',
    ].join('\n'))
    const run = capture()
    expect(await runCli(['app.ts'], { ...run.io, cwd: scratch })).toBe(0)
    expect(run.out()).toBe('')
  })

  it('writes SARIF to a file', async () => {
    const run = capture()
    const file = join(scratch, 'report.sarif')
    const code = await runCli(
      ['--format', 'sarif', '--output-file', file, 'vulnerable/set-config-false.ts'],
      run.io,
    )
    expect(code).toBe(1)
    const log = JSON.parse(await readFile(file, 'utf8')) as {
      runs: { results: { ruleId: string }[] }[]
    }
    expect(log.runs[0]?.results.map((r) => r.ruleId)).toEqual([
      'tenantkit/no-session-tenant-setting',
    ])
  })

  it('exits 2 with a clear message on bad arguments or missing files', async () => {
    const badFormat = capture()
    expect(await runCli(['--format', 'xml'], badFormat.io)).toBe(2)
    expect(badFormat.err()).toContain('--format must be one of stylish, json, sarif')

    const missing = capture()
    expect(await runCli(['no-such-folder'], missing.io)).toBe(2)
    expect(missing.err()).toContain('no-such-folder')
  })

  it('parses its arguments', () => {
    expect(parseCliArgs([])).toEqual({ paths: ['.'], format: 'stylish', help: false })
    expect(parseCliArgs(['-f', 'json', '-o', 'r.json', 'src', 'lib'])).toEqual({
      paths: ['src', 'lib'], format: 'json', outputFile: 'r.json', help: false,
    })
    expect(() => parseCliArgs(['--fix'])).toThrow(UsageError)
  })
})
