import { expect, test } from 'vitest'
import { runAuditCommand } from '../src/cli/run-audit-command'

/** Runs `tenantkit audit` in-process and keeps what it printed. */
async function audit(url: string, json = false) {
  let stdout = ''
  let stderr = ''
  const io = {
    stdout: (text: string) => { stdout += text },
    stderr: (text: string) => { stderr += text },
    env: {},
  }
  const args = ['audit', '--url', url, '--role', 'app_runtime', ...(json ? ['--json'] : [])]
  const code = await runAuditCommand(args, io)
  return { code, stdout, stderr }
}

// A URL of another database kind, or a relative one, was handed to pg as
// it is: pg read 'mysql://' as PostgreSQL, and resolved a relative string
// against a host named "base". Only loopback addresses appear here.
test.each([
  ['another scheme', 'mysql://app:hunter2@127.0.0.1:1/app'],
  ['an http URL', 'http://app:hunter2@127.0.0.1:1/app'],
])('%s is a usage error, before any connection', async (_label, url) => {
  const human = await audit(url)
  expect(human.code).toBe(2)
  expect(human.stderr).toMatch(/postgres:\/\/ or postgresql:\/\//)
  expect(human.stderr).not.toMatch(/ECONNREFUSED/)
  expect(human.stderr).not.toContain('hunter2')

  const json = await audit(url, true)
  expect(json.code).toBe(2)
  expect(JSON.parse(json.stdout)).toMatchObject({ error: { code: 'usage' } })
  expect(json.stdout + json.stderr).not.toContain('hunter2')
})
