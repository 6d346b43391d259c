import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { expect, inject, test } from 'vitest'
import { isHashablePassword, scramSha256Verifier } from '../src/rls/scram-verifier'

const script = join(__dirname, 'fixtures', 'audit', 'libpq-encrypt.py')

/** libpq's own verifier for `password`, computed by PostgreSQL's C code. */
function libpqVerifier(password: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'python3',
      [script, inject('tenantkitPostgresUrl'), 'tk_db_scram'],
      (error, stdout, stderr) => (error ? reject(new Error(stderr)) : resolve(stdout.trim())),
    )
    child.stdin?.end(password)
  })
}

const PASSWORDS = [
  'pencil',
  'correct horse battery staple',
  `q'uote"s\\back$lash%{}[]`,
  'x'.repeat(1024),
]

test.each(PASSWORDS)('matches libpq for the same salt and iterations (%#)', async (password) => {
  const theirs = await libpqVerifier(password)
  const match = /^SCRAM-SHA-256\$(\d+):([A-Za-z0-9+/=]+)\$[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/
    .exec(theirs)
  expect(match).not.toBeNull()
  const salt = Buffer.from(match?.[2] ?? '', 'base64')
  expect(scramSha256Verifier(password, salt, Number(match?.[1]))).toBe(theirs)
})

test('uses a fresh random salt each time', () => {
  expect(scramSha256Verifier('pencil')).not.toBe(scramSha256Verifier('pencil'))
})

test('accepts only printable ASCII passwords, which SASLprep leaves unchanged', () => {
  expect(PASSWORDS.every(isHashablePassword)).toBe(true)
  for (const bad of ['', 'caf\u00e9', 'tab\there', 'x'.repeat(1025), 42]) {
    expect(isHashablePassword(bad)).toBe(false)
  }
})
