import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { AUDIT_FINDING_CODES, type AuditFindingCode } from '../src/index'

test('the README documents every finding code with its severity', async () => {
  const readme = await readFile(join(__dirname, '..', 'README.md'), 'utf8')
  const documented = [...readme.matchAll(/^\| `([a-z-]+)` \| (critical|high|medium|low) \|/gm)]
    .map((m) => [m[1], m[2]])
  const codes = Object.entries(AUDIT_FINDING_CODES).map(([code, info]) => [code, info.severity])
  expect(documented.sort()).toEqual(codes.sort())
})

test('every code has a one-sentence meaning', () => {
  for (const code of Object.keys(AUDIT_FINDING_CODES) as AuditFindingCode[]) {
    expect(AUDIT_FINDING_CODES[code].meaning).toMatch(/^[A-Z].{20,90}\.$/)
  }
})
