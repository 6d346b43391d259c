import { readdirSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { type CorpusResult, FIXTURES, lintCorpus, renderMetrics, score } from './corpus/evaluate'
import { metricsSection } from './corpus/readme-section'

const list = (folder: string): string[] =>
  readdirSync(join(FIXTURES, folder)).filter((name) => name.endsWith('.ts'))
    .map((name) => `${folder}/${name}`)

let corpus: CorpusResult
let typedCorpus: CorpusResult
beforeAll(async () => {
  corpus = await lintCorpus()
  typedCorpus = await lintCorpus(true)
})

const at = (file: string) => ({
  markers: corpus.markers.filter((m) => m.file === file)
    .map((m) => `${m.line} ${m.rule}`).sort(),
  findings: corpus.findings.filter((f) => f.file === file)
    .map((f) => `${f.line} ${f.rule}`).sort(),
})

describe('vulnerable fixtures', () => {
  it.each(list('vulnerable'))('%s is reported where marked, and only there', (file) => {
    const { markers, findings } = at(file)
    expect(markers.length).toBeGreaterThan(0)
    expect(findings).toEqual(markers)
  })
})

describe('safe fixtures', () => {
  it.each(list('safe'))('%s is not reported', (file) => {
    expect(at(file).findings).toEqual([])
  })
})

describe('known gaps behave as documented', () => {
  it.each([...list('known-gaps/missed'), ...list('known-gaps/over-reported')])(
    '%s',
    (file) => {
      const { markers, findings } = at(file)
      expect(markers.length).toBeGreaterThan(0)
      // A missed case that starts being reported (or an over-reported one that
      // stops) is an improvement: move the fixture to vulnerable/ or safe/.
      const expected = file.includes('/over-reported/') ? markers : []
      expect(findings).toEqual(expected)
    },
  )
})

describe('metrics', () => {
  it('are perfect on the vulnerable and safe fixtures, typed or not', () => {
    for (const result of [corpus, typedCorpus]) {
      const metrics = score(result, false)
      expect(metrics.falseNegatives).toBe(0)
      expect(metrics.falsePositives).toBe(0)
      expect(metrics.truePositives).toBe(
        result.markers.filter((m) => m.kind === 'expect').length,
      )
    }
  })

  it('match the table in README.md (regenerate with `pnpm corpus --write`)', async () => {
    const readme = await readFile(resolve(import.meta.dirname, '../README.md'), 'utf8')
    expect(metricsSection(readme)).toBe(renderMetrics(corpus, typedCorpus))
  })
})
