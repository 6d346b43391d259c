import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'

const SCRIPT = fileURLToPath(new URL('./python_fernet.py', import.meta.url))

/** A python3 process that times its own Fernet loops on request. */
export interface PythonFernet {
  /** Runs `ops` operations in Python; resolves with Python's own timing. */
  run(op: 'encrypt' | 'decrypt', ops: number): Promise<number>
  /** Seconds Python measured for each run of `op`, in order. */
  readonly timings: Record<'encrypt' | 'decrypt', number[]>
  close(): void
}

export async function startPythonFernet(key: string, size: number): Promise<PythonFernet> {
  const child = spawn('python3', [SCRIPT, key, String(size)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  })
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]()
  const next = async (): Promise<Record<string, unknown>> => {
    const { value, done } = await lines.next()
    if (done) throw new Error('python3 bench worker exited')
    return JSON.parse(value as string) as Record<string, unknown>
  }
  await next()

  const timings = { encrypt: [] as number[], decrypt: [] as number[] }
  return {
    timings,
    async run(op, ops) {
      child.stdin.write(`${op} ${ops}\n`)
      const answer = await next()
      const seconds = Number(answer['seconds'])
      timings[op].push(seconds)
      return seconds
    },
    close: () => {
      child.stdin.end()
    },
  }
}
