/**
 * A tiny side-by-side benchmark runner. Every case of a comparison runs in
 * the same process, interleaved round by round so drift (GC, a busy core,
 * a warming server) hits all cases alike, and each is reported as a ratio
 * against the first case, the baseline: the ratio of their median round
 * times. Each round starts at the next case, so no case always runs first
 * or always follows the same neighbour.
 */

export interface BenchCase {
  /** Shown in the table. */
  readonly name: string
  /** Runs `ops` operations once; resolves when all of them completed. */
  readonly run: (ops: number) => Promise<void> | void
}

export interface CompareOptions {
  /** Operations per round for every case. */
  readonly ops: number
  /** @default 5 */
  readonly rounds?: number
  /** Rounds run first and discarded. @default 1 */
  readonly warmup?: number
  /** What `ops` counts, for the table heading. @default 'ops' */
  readonly unit?: string
  /**
   * How to read the ratio: 'throughput' (higher is better) compares ops/s,
   * 'time' compares the median time per operation.
   * @default 'throughput'
   */
  readonly metric?: 'throughput' | 'time'
}

export interface CaseResult {
  readonly name: string
  /** Median operations per second over the measured rounds. */
  readonly opsPerSecond: number
  /** Median microseconds per operation. */
  readonly microsPerOp: number
  /** This case against the first one: > 1 means faster. */
  readonly speedup: number
  /** Time per operation against the first one: < 1 means faster. */
  readonly timeRatio: number
}

/** Runs the cases side by side and prints one table; returns the figures. */
export async function compare(
  title: string,
  cases: readonly BenchCase[],
  options: CompareOptions,
): Promise<CaseResult[]> {
  if (cases.length === 0) throw new TypeError('compare: give at least one case')
  const rounds = options.rounds ?? 5
  const samples: number[][] = cases.map(() => [])

  for (let round = -(options.warmup ?? 1); round < rounds; round++) {
    for (let step = 0; step < cases.length; step++) {
      const index = (Math.max(round, 0) + step) % cases.length
      const start = process.hrtime.bigint()
      await cases[index]?.run(options.ops)
      const seconds = Number(process.hrtime.bigint() - start) / 1e9
      if (round >= 0) samples[index]?.push(seconds)
    }
  }

  const medians = samples.map(median)
  const base = medians[0] ?? 1
  const results = cases.map((c, i): CaseResult => {
    const seconds = medians[i] ?? Number.NaN
    return {
      name: c.name,
      opsPerSecond: options.ops / seconds,
      microsPerOp: (seconds / options.ops) * 1e6,
      speedup: base / seconds,
      timeRatio: seconds / base,
    }
  })
  print(title, results, options)
  return results
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

function print(title: string, results: readonly CaseResult[], options: CompareOptions): void {
  const unit = options.unit ?? 'ops'
  const byTime = options.metric === 'time'
  const width = Math.max(...results.map((r) => r.name.length), 8)
  const lines = [
    `\n${title}  (${options.ops} ${unit} x ${options.rounds ?? 5} rounds, median)`,
    `  ${'case'.padEnd(width)}  ${`${unit}/s`.padStart(12)}  ${'us/op'.padStart(10)}  ${byTime ? 'time vs baseline' : 'vs baseline'}`,
  ]
  for (const r of results) {
    const ratio = byTime ? `${r.timeRatio.toFixed(2)}x time` : `${r.speedup.toFixed(2)}x`
    lines.push(
      `  ${r.name.padEnd(width)}  ${r.opsPerSecond.toFixed(0).padStart(12)}  ${r.microsPerOp.toFixed(1).padStart(10)}  ${ratio}`,
    )
  }
  process.stdout.write(`${lines.join('\n')}\n`)
}

/** Prints whether a measured ratio met its target, without failing the run. */
export function target(label: string, actual: number, comparator: '>=' | '<=', goal: number): boolean {
  const met = comparator === '>=' ? actual >= goal : actual <= goal
  process.stdout.write(
    `  target ${label}: ${actual.toFixed(2)}x ${comparator} ${goal}x ${met ? 'met' : 'NOT MET'}\n`,
  )
  return met
}
