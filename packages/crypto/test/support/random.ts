/** A small seeded PRNG (mulberry32) so generated cases are reproducible. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32
  }
}

/** An integer in [0, max). */
export function pick(random: () => number, max: number): number {
  return Math.floor(random() * max)
}
