import { core, safeParse } from 'zod'
import type { EntrySpec } from './entry'
import type { Environment } from './environment'
import type { ConfigIssue } from './errors/config-error'
import { ConfigUsageError } from './errors/config-usage-error'
import { productionReason } from './production-rules'
import { scrub } from './scrub'

/** A loaded value, or every problem found with it. */
export type EntryOutcome =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly issues: readonly ConfigIssue[] }

/**
 * Loads one variable: applies its presence rule, parses it, then, in
 * production, refuses placeholders and development values.
 */
export function loadEntry(
  name: string,
  spec: EntrySpec,
  raw: unknown,
  environment: Environment,
): EntryOutcome {
  const fail = (code: ConfigIssue['code'], expected: string, fix: string) => ({
    ok: false as const,
    issues: [{ variable: name, code, expected, fix }],
  })
  if (raw !== undefined && typeof raw !== 'string') {
    return fail('invalid', 'a string', 'pass environment variables as text')
  }
  if (raw === undefined || raw.trim() === '') {
    return missing(spec, environment) ??
      fail('missing', spec.expected, missingFix(name, spec, environment))
  }

  const parsed = parse(name, spec, raw)
  if (!parsed.ok || environment !== 'production') return parsed
  const reason = productionReason(spec, raw, parsed.value)
  if (reason === undefined) return parsed
  return fail(
    'insecure',
    `${spec.expected}, and not ${reason}`,
    `set ${name} to a real production value` +
      (spec.fix ? `; ${spec.fix}` : ''),
  )
}

function missing(
  spec: EntrySpec,
  environment: Environment,
): EntryOutcome | undefined {
  const presence = spec.presence
  if (presence.kind === 'default') return { ok: true, value: presence.value }
  if (presence.kind === 'optional') return { ok: true, value: undefined }
  if (presence.kind !== 'production' || environment === 'production') {
    return undefined
  }
  const defaults = presence.defaults
  const value =
    environment === 'test' && defaults?.test !== undefined
      ? defaults.test
      : defaults?.development
  return { ok: true, value }
}

function missingFix(
  name: string,
  spec: EntrySpec,
  environment: Environment,
): string {
  const where = `set ${name} in the environment (or the .env file you load)`
  const only =
    spec.presence.kind === 'production' && environment === 'production'
      ? '; only development and test have a default for it'
      : ''
  return `${where}${only}${spec.fix ? `; ${spec.fix}` : ''}`
}

function parse(name: string, spec: EntrySpec, raw: string): EntryOutcome {
  let result: ReturnType<typeof safeParse>
  try {
    result = safeParse(spec.schema, raw)
  } catch (error) {
    return schemaThrew(name, spec, error)
  }
  if (result.success) return { ok: true, value: result.data }
  return {
    ok: false,
    issues: result.error.issues.map((issue) => {
      // A schema's own advice may quote the value, like its message.
      const fix = fixOf(issue)
      return {
        variable: name,
        code: 'invalid' as const,
        expected: scrub(issue.message, raw),
        fix: fix === undefined
          ? (spec.fix ?? `set ${name} to ${spec.expected}`)
          : scrub(fix, raw),
      }
    }),
  }
}

function fixOf(issue: object): string | undefined {
  const params = 'params' in issue ? issue.params : undefined
  const fix: unknown =
    typeof params === 'object' && params !== null && 'fix' in params
      ? params.fix
      : undefined
  return typeof fix === 'string' ? fix : undefined
}

// The thrown error is not kept: its message may quote the value.
function schemaThrew(
  name: string,
  spec: EntrySpec,
  error: unknown,
): EntryOutcome {
  if (error instanceof core.$ZodAsyncError) {
    throw new ConfigUsageError(
      `loadConfig: the schema of ${name} is asynchronous.`,
      'configuration is loaded synchronously; use synchronous refinements',
    )
  }
  return {
    ok: false,
    issues: [{
      variable: name,
      code: 'invalid',
      expected: spec.expected,
      fix:
        `the schema of ${name} threw instead of reporting an issue (the ` +
        'error is not shown, it may quote the value); report problems ' +
        'with ctx.addIssue in the schema',
    }],
  }
}
