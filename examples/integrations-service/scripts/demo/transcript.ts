/** A check of the demo that did not hold; the demo exits with 1. */
export class DemoFailure extends Error {
  override readonly name = 'DemoFailure'
}

/** Prints the demo's numbered steps and checks. */
export interface Transcript {
  step(title: string): void
  ok(text: string): void
  info(text: string): void
  /** Prints `text` as passed, or throws a `DemoFailure` naming it. */
  expect(condition: boolean, text: string): void
}

/**
 * The demo's transcript on stdout: short, numbered, one line per fact.
 *
 * @example
 * const t = createTranscript()
 * t.step('Two tenants')
 * t.expect(res.status === 201, 'created tenant Acme')
 */
export function createTranscript(
  write: (line: string) => void = (line) => console.log(line),
): Transcript {
  let number = 0
  return {
    step(title) {
      number += 1
      write('')
      write(`[${number}] ${title}`)
    },
    ok: (text) => write(`    ✓ ${text}`),
    info: (text) => write(`    · ${text}`),
    expect(condition, text) {
      if (!condition) {
        write(`    ✗ ${text}`)
        throw new DemoFailure(text)
      }
      write(`    ✓ ${text}`)
    },
  }
}
