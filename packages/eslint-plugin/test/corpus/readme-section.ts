const START = '<!-- corpus-metrics:start -->'
const END = '<!-- corpus-metrics:end -->'

/** The generated metrics table currently in the README. */
export function metricsSection(readme: string): string | undefined {
  const start = readme.indexOf(START)
  const end = readme.indexOf(END)
  if (start === -1 || end < start) return undefined
  return readme.slice(start + START.length, end).trim()
}

/** The README with its metrics table replaced by `table`. */
export function replaceMetricsSection(readme: string, table: string): string {
  const start = readme.indexOf(START)
  const end = readme.indexOf(END)
  if (start === -1 || end < start) {
    throw new Error(`README.md needs a ${START} ... ${END} section for the corpus table`)
  }
  return `${readme.slice(0, start + START.length)}\n${table}\n${readme.slice(end)}`
}
