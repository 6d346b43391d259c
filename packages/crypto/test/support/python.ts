import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const TOOL = fileURLToPath(new URL('./fernet_tool.py', import.meta.url))

/** What the Python tool answers for one token: a value or the error name. */
export type PythonResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: string }

export interface PythonRequest {
  readonly op:
    | 'encrypt' | 'decrypt' | 'rotate' | 'timestamp' | 'derive' | 'generate'
    | 'keys'
  /** Keys of the MultiFernet, newest first. */
  readonly keys: readonly string[]
  readonly context?: { tenantId: string; table: string; column: string }
  readonly tokens?: readonly string[]
  /** Tokens given to Python as bytes (base64 of the bytes). */
  readonly tokenBytes?: readonly string[]
  /** Base64 (standard) of each plaintext. */
  readonly plaintexts?: readonly string[]
  readonly rawKeys?: readonly string[]
  /** Keys given to `Fernet(key)` one by one, as text (op 'keys'). */
  readonly textKeys?: readonly string[]
  readonly count?: number
  readonly now?: number
  readonly ttl?: number
}

/**
 * Runs Python's `cryptography` in a real child process (fernet_tool.py)
 * and returns its JSON answer.
 */
export function runPython<T>(request: PythonRequest): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'python3',
      [TOOL],
      { maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) {
          reject(new Error(`python3 fernet_tool.py failed: ${stderr}`, { cause: error }))
          return
        }
        resolve(JSON.parse(stdout) as T)
      },
    )
    child.stdin?.end(JSON.stringify(request))
  })
}

export const b64 = (text: string | Uint8Array): string => Buffer.from(text).toString('base64')
export const unb64 = (text: string): string => Buffer.from(text, 'base64').toString('utf8')
