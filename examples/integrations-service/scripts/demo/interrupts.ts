/** How the demo undoes its work when it is interrupted. */
export interface Interrupts {
  /**
   * Sets what to run when SIGINT or SIGTERM arrives (replacing any earlier
   * cleanup); runs it at once if a signal already came.
   */
  onInterrupt(cleanup: () => Promise<void>): void
}

const EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const

/**
 * Catches Ctrl-C and SIGTERM: prints a line on stderr, runs the cleanup
 * (dropping the demo's database and role), then exits with 130 or 143.
 * A second signal exits at once, without waiting for the cleanup.
 *
 * @example
 * const interrupts = handleInterrupts()
 * interrupts.onInterrupt(() => database.cleanup())
 */
export function handleInterrupts(
  write: (line: string) => void = (line) => console.error(line),
): Interrupts {
  let cleanup: (() => Promise<void>) | undefined
  let signal: keyof typeof EXIT_CODES | undefined

  const finish = () => {
    if (signal === undefined || cleanup === undefined) return
    const code = EXIT_CODES[signal]
    cleanup().then(
      () => process.exit(code),
      (error: unknown) => {
        write(`Cleanup failed: ${(error as Error).name}: ${(error as Error).message}`)
        process.exit(code)
      },
    )
  }
  for (const name of ['SIGINT', 'SIGTERM'] as const) {
    process.on(name, () => {
      if (signal !== undefined) process.exit(EXIT_CODES[name])
      signal = name
      write(`\nDemo interrupted (${name}): dropping what it created...`)
      finish()
    })
  }
  return {
    onInterrupt(next) {
      cleanup = next
      finish()
    },
  }
}
