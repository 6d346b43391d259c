import { readFile } from 'node:fs/promises'
import { relative, resolve } from 'node:path'
import parser from '@typescript-eslint/parser'
import { ESLint, type Linter } from 'eslint'
import plugin from '../../src/index'

/** Where the fixture corpus lives. */
export const FIXTURES: string = resolve(import.meta.dirname, '../fixtures')

/**
 * One `// expect: rule`, `// missed: rule` or `// over-reported: rule`
 * marker: at the end of the line it is about, or alone on the line before.
 */
export interface Marker {
  readonly file: string
  readonly line: number
  readonly rule: string
  readonly kind: 'expect' | 'missed' | 'over-reported'
}

/** One tenantkit finding, at line granularity. */
export interface Finding {
  readonly file: string
  readonly line: number
  readonly rule: string
}

/** The outcome of linting the corpus. */
export interface CorpusResult {
  readonly markers: readonly Marker[]
  readonly findings: readonly Finding[]
  /** `vulnerable/` and `safe/` file names, relative to the fixtures folder. */
  readonly files: { readonly vulnerable: readonly string[]; readonly safe: readonly string[] }
}

const MARKER = /\/\/ (expect|missed|over-reported): ([\w-]+(?:, [\w-]+)*)\s*$/

const PACKAGE_ROOT = resolve(import.meta.dirname, '../..')

/**
 * The ESLint setup a downstream TypeScript project would use, optionally
 * with typed linting (the package's tsconfig.json covers the fixtures).
 */
export function corpusConfig(typed = false): Linter.Config[] {
  const parserOptions = typed
    ? { projectService: true, tsconfigRootDir: PACKAGE_ROOT }
    : {}
  return [
    { files: ['**/*.ts'], languageOptions: { parser, parserOptions } },
    plugin.configs.recommended as Linter.Config,
  ]
}

/** Lints every fixture with the real ESLint API and collects markers. */
export async function lintCorpus(typed = false): Promise<CorpusResult> {
  const eslint = new ESLint({
    cwd: FIXTURES,
    overrideConfigFile: true,
    overrideConfig: corpusConfig(typed),
  })
  const results = await eslint.lintFiles(['**/*.ts'])
  const markers: Marker[] = []
  const findings: Finding[] = []
  for (const result of results) {
    const file = relative(FIXTURES, result.filePath)
    const fatal = result.messages.find((message) => message.fatal)
    if (fatal !== undefined) throw new Error(`${file} does not parse: ${fatal.message}`)
    const lines = (await readFile(result.filePath, 'utf8')).split('\n')
    lines.forEach((text, index) => {
      const match = MARKER.exec(text)
      if (match === null) return
      // A marker alone on its line is about the next line.
      const line = /^\s*\/\//.test(text) ? index + 2 : index + 1
      for (const rule of (match[2] ?? '').split(', ')) {
        markers.push({ file, line, rule, kind: match[1] as Marker['kind'] })
      }
    })
    const seen = new Set<string>()
    for (const message of result.messages) {
      const rule = message.ruleId?.replace(/^tenantkit\//, '')
      if (rule === undefined || rule === message.ruleId) continue
      const key = `${message.line}:${rule}`
      if (seen.has(key)) continue
      seen.add(key)
      findings.push({ file, line: message.line, rule })
    }
  }
  const names = results.map((r) => relative(FIXTURES, r.filePath)).sort()
  return {
    markers,
    findings,
    files: {
      vulnerable: names.filter((name) => name.startsWith('vulnerable/')),
      safe: names.filter((name) => name.startsWith('safe/')),
    },
  }
}

/** Precision and recall, with the counts they come from. */
export interface Metrics {
  readonly truePositives: number
  readonly falsePositives: number
  readonly falseNegatives: number
  readonly precision: number
  readonly recall: number
}

/** Scores the findings against the markers; gaps count only when asked. */
export function score(result: CorpusResult, includeGaps: boolean): Metrics {
  const inScope = (file: string): boolean =>
    includeGaps || !file.startsWith('known-gaps/')
  const key = (item: Finding): string => `${item.file}:${item.line}:${item.rule}`
  const found = new Set(result.findings.filter((f) => inScope(f.file)).map(key))
  const wanted = result.markers.filter((m) => inScope(m.file) && m.kind !== 'over-reported')
  const wantedKeys = new Set(wanted.map(key))

  const truePositives = wanted.filter((m) => found.has(key(m))).length
  const falseNegatives = wanted.length - truePositives
  const falsePositives = [...found].filter((k) => !wantedKeys.has(k)).length
  const ratio = (a: number, b: number): number => (b === 0 ? 1 : a / b)
  return {
    truePositives,
    falsePositives,
    falseNegatives,
    precision: ratio(truePositives, truePositives + falsePositives),
    recall: ratio(truePositives, truePositives + falseNegatives),
  }
}

const percent = (value: number): string => `${(value * 100).toFixed(1)} %`

/** The README table, regenerated from an untyped and a typed corpus run. */
export function renderMetrics(result: CorpusResult, typed: CorpusResult): string {
  const main = score(result, false)
  const all = score(result, true)
  const gaps = result.markers.filter((m) => m.file.startsWith('known-gaps/'))
  const row = (name: string, m: Metrics): string =>
    `| ${name} | ${m.truePositives} | ${m.falseNegatives} | ${m.falsePositives} | ` +
    `${percent(m.precision)} | ${percent(m.recall)} |`
  return [
    `Corpus: ${result.files.vulnerable.length} vulnerable files ` +
      `(${main.truePositives + main.falseNegatives} marked findings), ` +
      `${result.files.safe.length} safe files, ${gaps.length} known-gap cases.`,
    '',
    '| scope | found | missed | false alarms | precision | recall |',
    '|---|---|---|---|---|---|',
    row('vulnerable + safe fixtures', main),
    row('including known gaps', all),
    row('including known gaps, typed linting', score(typed, true)),
  ].join('\n')
}
