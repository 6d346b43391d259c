#!/usr/bin/env node
import { runAuditCommand } from './run-audit-command'

runAuditCommand(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
}).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    console.error('tenantkit: unexpected failure', error instanceof Error ? error.message : '')
    process.exitCode = 2
  },
)
