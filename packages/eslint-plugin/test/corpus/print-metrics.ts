// Prints the corpus precision/recall table; `--write` puts it in README.md.
import { readFile, writeFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { lintCorpus, renderMetrics } from './evaluate'
import { replaceMetricsSection } from './readme-section'

const table = renderMetrics(await lintCorpus(), await lintCorpus(true))
if (process.argv.includes('--write')) {
  const path = resolve(import.meta.dirname, '../../README.md')
  await writeFile(path, replaceMetricsSection(await readFile(path, 'utf8'), table))
}
process.stdout.write(`${table}\n`)
