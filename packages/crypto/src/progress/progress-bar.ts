import { CryptoArgumentError } from '../errors/crypto-argument-error'
import type { JobProgress } from './job-progress'

/** The part of a writable stream a progress bar needs. */
export interface ProgressStream {
  write(chunk: string): unknown
  /** Terminals get one line redrawn in place; files and pipes get lines. */
  readonly isTTY?: boolean | undefined
}

/** Options of {@link createProgressBar}. */
export interface ProgressBarOptions {
  /**
   * Text in front of the bar.
   * @default 'rotating'
   * @example createProgressBar(process.stderr, { label: 'encrypting' })
   */
  readonly label?: string
  /**
   * Width of the bar in characters.
   * @default 30
   * @example createProgressBar(process.stderr, { width: 50 })
   */
  readonly width?: number
}

/** Draws job progress on a stream the caller owns. */
export interface ProgressBar {
  /** Draws one progress report; pass it as a job's `onProgress`. */
  readonly update: (progress: JobProgress) => void
  /** Ends the line (call once when the job returned or failed). */
  readonly finish: () => void
}

/**
 * A text progress bar for command-line tools that run a rotation or a
 * migration. It writes only to the stream it is given (the library itself
 * never writes to the console).
 *
 * @example
 * const bar = createProgressBar(process.stderr)
 * try {
 *   await rotateColumn({ db, keyRing, table, column, onProgress: bar.update })
 * } finally {
 *   bar.finish()
 * }
 */
export function createProgressBar(
  stream: ProgressStream,
  options: ProgressBarOptions = {},
): ProgressBar {
  if (typeof stream?.write !== 'function') {
    throw new CryptoArgumentError(
      'createProgressBar: stream must have a write(text) method.',
      'Pass process.stderr, process.stdout or another writable stream.',
    )
  }
  const { label, width } = checkLook(options, 'createProgressBar', 5)
  let lastDecile = -1
  let drawn = false

  const update = (progress: JobProgress): void => {
    const line = formatProgress(progress, { label, width })
    if (stream.isTTY) {
      stream.write(`\r${line}\u001b[K`)
      drawn = true
      return
    }
    // Pipes and log files: one line per tenth of the way, and the end.
    // All rows scanned is not the end yet: the done report says 100% once.
    const decile = Math.floor(ratio(progress) * 10)
    if ((decile > lastDecile && decile < 10) || progress.done) {
      lastDecile = decile
      stream.write(`${line}\n`)
    }
  }
  const finish = (): void => {
    if (drawn) stream.write('\n')
    drawn = false
  }
  return { update, finish }
}

/**
 * One line describing the progress, e.g.
 * `rotating [#########.....] 64% 640/1000 rows, 600 updated, 40 skipped`.
 *
 * @example
 * onProgress: (p) => log.info(formatProgress(p, { label: 'rotate', width: 20 }))
 */
export function formatProgress(
  progress: JobProgress,
  options: { readonly label: string; readonly width: number },
): string {
  if (typeof progress !== 'object' || progress === null) {
    throw new CryptoArgumentError(
      'formatProgress: progress must be a JobProgress object.',
      'Pass what a job gives its onProgress callback.',
    )
  }
  const { label, width } = checkLook(options, 'formatProgress', 1)
  const filled = Math.round(ratio(progress) * width)
  const bar = '#'.repeat(filled) + '.'.repeat(width - filled)
  const percent = `${Math.floor(ratio(progress) * 100)}%`.padStart(4)
  const count = progress.total === undefined
    ? `${progress.scanned} rows`
    : `${progress.scanned}/${progress.total} rows`
  const parts = [`${progress.updated} updated`, `${progress.skipped} skipped`]
  if (progress.failed > 0) parts.push(`${progress.failed} FAILED`)
  if (progress.conflicts > 0) parts.push(`${progress.conflicts} conflicts`)
  return `${label} [${bar}] ${percent} ${count}, ${parts.join(', ')}` +
    (progress.done ? ' - done' : '')
}

/** The label and width to draw with, defaults applied, validated. */
function checkLook(
  options: ProgressBarOptions,
  caller: string,
  minWidth: number,
): { label: string; width: number } {
  const problem = (message: string, fix: string) =>
    new CryptoArgumentError(`${caller}: ${message}`, fix)
  if (typeof options !== 'object' || options === null) {
    throw problem('options must be an object.', 'Pass { label, width }.')
  }
  const label = options.label ?? 'rotating'
  const width = options.width ?? 30
  if (typeof label !== 'string') {
    throw problem('label must be a string.', "Pass e.g. { label: 'rotating' }.")
  }
  if (!Number.isInteger(width) || width < minWidth || width > 200) {
    throw problem(`width must be a whole number from ${minWidth} to 200.`,
      'Leave width out for 30 characters.')
  }
  return { label, width }
}

function ratio(progress: JobProgress): number {
  if (progress.done) return 1
  if (!progress.total) return 0
  return Math.min(1, progress.scanned / progress.total)
}
