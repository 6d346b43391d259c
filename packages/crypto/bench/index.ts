/**
 * Fernet on 200-byte plaintexts, one core: tenantkit against the npm
 * `fernet` package (the baseline, in this process) and Python's
 * `cryptography` (a python3 child timing its own loop). Run: pnpm bench.
 */
import { readFileSync } from 'node:fs'
import { compare, target } from '@tenantkit/bench'
import fernetNpm from 'fernet'
import { createFernet, generateKey } from '../src/index'
import { startPythonFernet } from './python-worker'

const SIZE = 200
const OPS = 10_000
const ROUNDS = 5
const key = generateKey()
const message = 'x'.repeat(SIZE)

const ours = createFernet(key)
const secret = new fernetNpm.Secret(key)
const ourToken = ours.encrypt(message)
// ttl: 0 turns off the npm package's hidden 60-second TTL.
const npmToken = new fernetNpm.Token({ secret, ttl: 0 }).encode(message)
const python = await startPythonFernet(key, SIZE)

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
}

async function side(op: 'encrypt' | 'decrypt') {
  const results = await compare(`Fernet ${op}, ${SIZE}-byte plaintext`, [
    {
      name: 'npm fernet 0.4.0',
      run: (ops) => {
        for (let i = 0; i < ops; i++) {
          if (op === 'encrypt') new fernetNpm.Token({ secret, ttl: 0 }).encode(message)
          else new fernetNpm.Token({ secret, token: npmToken, ttl: 0 }).decode()
        }
      },
    },
    {
      name: 'tenantkit',
      run: (ops) => {
        for (let i = 0; i < ops; i++) {
          if (op === 'encrypt') ours.encrypt(message)
          else ours.decrypt(ourToken)
        }
      },
    },
    {
      name: 'python cryptography (child, incl. IPC)',
      run: async (ops) => {
        await python.run(op, ops)
      },
    },
  ], { ops: OPS, rounds: ROUNDS, unit: 'tokens' })

  // Python's own loop timing, without the round trip to this process.
  // The first timing belongs to the warm-up round.
  const pythonOps = OPS / median(python.timings[op].slice(1))
  const tenantkit = results[1]!.opsPerSecond
  process.stdout.write(
    `  python's self-timed loop: ${pythonOps.toFixed(0)} tokens/s; ` +
      `tenantkit: ${tenantkit.toFixed(0)} tokens/s\n`,
  )
  return { vsNpm: results[1]!.speedup, vsPython: tenantkit / pythonOps }
}

const encrypt = await side('encrypt')
target('encrypt, tenantkit vs npm fernet', encrypt.vsNpm, '>=', 8)
target('encrypt, tenantkit vs python', encrypt.vsPython, '>=', 1.2)
const decrypt = await side('decrypt')
target('decrypt, tenantkit vs npm fernet', decrypt.vsNpm, '>=', 12)
target('decrypt, tenantkit vs python', decrypt.vsPython, '>=', 2)
python.close()

reportInvalidVectors()

/**
 * How many of the spec's invalid tokens each implementation accepts. The
 * npm package has no clock option, so it runs without TTL and only the
 * tokens whose fault does not depend on the time are counted for it.
 */
function reportInvalidVectors(): void {
  const file = new URL('../../../../shared/vectors/fernet/invalid.json', import.meta.url)
  let vectors: Array<{ desc: string; token: string; now: string; ttl_sec: number; secret: string }>
  try {
    vectors = JSON.parse(readFileSync(file, 'utf8')) as typeof vectors
  } catch {
    process.stdout.write('\n  (spec vectors not found; invalid-token check skipped)\n')
    return
  }
  const timeless = vectors.filter((v) => !/TTL|clock skew/.test(v.desc))
  const npmAccepted = timeless.filter((v) => accepts(() =>
    new fernetNpm.Token({ secret: new fernetNpm.Secret(v.secret), token: v.token, ttl: 0 })
      .decode()))
  const oursAccepted = vectors.filter((v) => accepts(() =>
    createFernet(v.secret, { clock: () => Date.parse(v.now) })
      .decrypt(v.token, { ttl: v.ttl_sec })))
  process.stdout.write(
    `\nSpec invalid.json: tenantkit accepts ${oursAccepted.length} of ${vectors.length}; ` +
      `npm fernet accepts ${npmAccepted.length} of the ${timeless.length} ` +
      `that do not depend on the clock (${npmAccepted.map((v) => v.desc).join('; ')})\n`,
  )
}

function accepts(decrypt: () => unknown): boolean {
  try {
    decrypt()
    return true
  } catch {
    return false
  }
}
