import { describe, expect, it } from 'vitest'
import {
  createProgressBar,
  CryptoArgumentError,
  formatProgress,
  type JobProgress,
} from '../src/index'

const step = (scanned: number, done = false): JobProgress => ({
  total: 1000, scanned, updated: scanned - 10, skipped: 10, failed: 0,
  conflicts: 0, cursor: scanned, done,
})

function sink(isTTY: boolean) {
  const chunks: string[] = []
  return { chunks, stream: { isTTY, write: (s: string) => chunks.push(s) } }
}

describe('progress bar', () => {
  it('formats a line with bar, percentage and counts', () => {
    const line = formatProgress(
      { ...step(640), failed: 2, conflicts: 1 },
      { label: 'rotating', width: 10 },
    )
    expect(line).toBe(
      'rotating [######....]  64% 640/1000 rows, 630 updated, 10 skipped, ' +
        '2 FAILED, 1 conflicts',
    )
    expect(formatProgress(step(1000, true), { label: 'x', width: 4 }))
      .toMatch(/^x \[####\] 100% .* - done$/)
    expect(formatProgress({ ...step(5), total: undefined }, { label: 'x', width: 4 }))
      .toContain('5 rows,')
  })

  it('redraws one line on a terminal and ends it on finish', () => {
    const { chunks, stream } = sink(true)
    const bar = createProgressBar(stream, { width: 10 })
    for (const n of [100, 200, 1000]) bar.update(step(n, n === 1000))
    bar.finish()
    expect(chunks).toHaveLength(4)
    expect(chunks.slice(0, 3).every((c) => c.startsWith('\r') && c.endsWith('\u001b[K'))).toBe(true)
    expect(chunks[3]).toBe('\n')
  })

  it('prints a line per tenth of the way to pipes and files', () => {
    const { chunks, stream } = sink(false)
    const bar = createProgressBar(stream, { label: 'encrypting' })
    for (let n = 50; n <= 1000; n += 50) bar.update(step(n, n === 1000))
    bar.finish()
    expect(chunks).toHaveLength(11)
    expect(chunks.every((c) => c.startsWith('encrypting [') && c.endsWith('\n'))).toBe(true)
  })

  it('prints the end once when the last rows are scanned before the job is done', () => {
    const { chunks, stream } = sink(false)
    const bar = createProgressBar(stream, { label: 'x', width: 5 })
    bar.update({ ...step(999), total: 3, scanned: 3 })
    bar.update({ ...step(999, true), total: 3, scanned: 3 })
    bar.finish()
    expect(chunks).toEqual([expect.stringMatching(/^x \[#####\] 100% 3\/3 rows, .* - done\n$/)])
  })

  it('checks its arguments', () => {
    expect(() => createProgressBar({} as never)).toThrow(CryptoArgumentError)
    expect(() => createProgressBar(sink(true).stream, { width: 2 })).toThrow(/width/)
  })
})
