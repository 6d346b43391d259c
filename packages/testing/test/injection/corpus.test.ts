import { describe, expect, test } from 'vitest'
import { injectionPayloads } from '../../src/injection/corpus/index'
import { PAYLOAD_CATEGORIES, PAYLOAD_TARGETS } from '../../src/injection/payload'
import { runInjectionSuite } from '../../src/injection/run-injection-suite'
import { UsageError } from '../../src/usage-error'

const corpus = injectionPayloads()

test('every category the issue lists has payloads', () => {
  const seen = new Set(corpus.map((p) => p.category))
  expect([...PAYLOAD_CATEGORIES].filter((c) => !seen.has(c))).toEqual([])
})

test('every target place has payloads, each tagged with one', () => {
  for (const target of PAYLOAD_TARGETS) {
    expect(corpus.filter((p) => p.target === target).length, target).toBeGreaterThan(3)
  }
})

test('ids are unique and name their category', () => {
  const ids = corpus.map((p) => p.id)
  expect(new Set(ids).size).toBe(ids.length)
  for (const p of corpus) expect(p.id.startsWith(`${p.category}/`), p.id).toBe(true)
})

describe('the issue\'s specific cases are covered', () => {
  const values = corpus.map((p) => p.value)
  test.each([
    ['nested comments', /\/\* a \/\* nested \*\/ b \*\//],
    ['pg_sleep', /pg_sleep\(2\)/],
    ['heavy generate_series', /generate_series\(1, 100000000\)/],
    ['dollar quoting', /\$\$a\$\$/],
    ['E strings', /E'\\x41'/],
    ['U& strings', /U&'\\0041'/],
    ['a placeholder look-alike', /^\$1$/],
    ['set_config tampering', /set_config\('app\.tenant_id'/],
    ['RESET ROLE', /RESET ROLE/],
    ['JavaScript precision loss', /^9007199254740993$/],
    ['a fullwidth quote', /\uFF07/],
  ])('%s', (_, pattern) => {
    expect(values.some((v) => pattern.test(v))).toBe(true)
  })
  test('NUL', () => {
    expect(values.some((v) => v.includes(String.fromCharCode(0)))).toBe(true)
  })
  test('very long input', () => {
    expect(Math.max(...values.map((v) => v.length))).toBeGreaterThanOrEqual(1_000_000)
  })
})

test('options shape the corpus', () => {
  const custom = injectionPayloads({
    sleepSeconds: 1,
    tenantSetting: 'acme.org_id',
    tables: ['public.Notes'],
  })
  const values = custom.map((p) => p.value)
  expect(values).toContain("x'||(SELECT pg_sleep(1))::text||'")
  expect(values.some((v) => v.includes("set_config('acme.org_id'"))).toBe(true)
  expect(values.some((v) => v.includes('FROM "public"."Notes" t'))).toBe(true)
  const filtered = injectionPayloads({ targets: ['json-key'], categories: ['time'] })
  expect(filtered.map((p) => p.id)).toEqual(['time/json-key-sleep'])
})

test('bad options are refused with a fix', () => {
  expect(() => injectionPayloads({ sleepSeconds: 0 })).toThrow(UsageError)
  expect(() => injectionPayloads({ tenantSetting: "x'); drop" })).toThrow(/tenantSetting/)
  expect(() => injectionPayloads({ tables: ['notes; drop'] })).toThrow(/is not a plain name/)
})

test('the suite refuses a threshold its own time-based payloads could not cross', async () => {
  await expect(runInjectionSuite({
    name: 'x', call: async () => [], benign: 'a', slowMs: 2500,
  })).rejects.toThrow(/slowMs is not below the corpus sleep of 2000 ms/)
  await expect(runInjectionSuite({ name: '', call: async () => [], benign: 'a' }))
    .rejects.toThrow(UsageError)
  const targets = ['where' as never]
  await expect(runInjectionSuite({ name: 'x', call: async () => [], benign: 'a', targets }))
    .rejects.toThrow(/unknown target "where"/)
})
