import { writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { resolve } from 'node:path'
import { ESLint } from 'eslint'
import { parseCliArgs, USAGE, UsageError } from './parse-args'
import { standaloneConfig } from './standalone-config'

/** Where the command line writes and which folder it lints from. */
export interface CliIo {
  readonly cwd: string
  stdout(text: string): void
  stderr(text: string): void
}

const SARIF_FORMATTER = '@microsoft/eslint-formatter-sarif'

/**
 * Runs the command line: 0 when nothing is reported, 1 on findings, 2 on a
 * usage or setup error.
 *
 * @example
 * const io = { cwd: process.cwd(), stdout: log, stderr: log }
 * process.exitCode = await runCli(['src'], io)
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const options = parseCliArgs(argv)
    if (options.help) {
      io.stdout(USAGE)
      return 0
    }
    const eslint = new ESLint({
      cwd: io.cwd,
      overrideConfigFile: true,
      overrideConfig: standaloneConfig(),
      errorOnUnmatchedPattern: true,
    })
    const results = (await eslint.lintFiles([...options.paths])).map(ownFindings)
    const formatter = await eslint.loadFormatter(
      options.format === 'sarif' ? sarifFormatterPath(io.cwd) : options.format,
    )
    const report = await formatter.format(results)
    if (options.outputFile !== undefined) {
      await writeFile(resolve(io.cwd, options.outputFile), report)
    } else if (report.length > 0) {
      io.stdout(report.endsWith('\n') ? report : `${report}\n`)
    }
    const problems = results.reduce((sum, r) => sum + r.errorCount + r.fatalErrorCount, 0)
    return problems > 0 ? 1 : 0
  } catch (error) {
    const message = error instanceof UsageError ? error.message : String(error)
    io.stderr(`tenantkit-eslint: ${message}\n`)
    return 2
  }
}

/**
 * Keeps tenantkit's findings and parse failures. The repository's own
 * disable comments name rules this run does not load, which ESLint reports
 * as "Definition for rule ... was not found": not this tool's business.
 */
function ownFindings(result: ESLint.LintResult): ESLint.LintResult {
  const messages = result.messages.filter((message) =>
    message.ruleId === null ? message.fatal === true : message.ruleId.startsWith('tenantkit/'))
  const count = (severity: number): number =>
    messages.filter((message) => message.severity === severity).length
  return {
    ...result,
    messages,
    errorCount: count(2),
    warningCount: count(1),
    fatalErrorCount: messages.filter((message) => message.fatal === true).length,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
  }
}

/** The SARIF formatter, found next to this package or in the linted project. */
function sarifFormatterPath(cwd: string): string {
  for (const base of [import.meta.url, resolve(cwd, 'package.json')]) {
    try {
      return createRequire(base).resolve(SARIF_FORMATTER)
    } catch {
      // Not installed there; try the next place.
    }
  }
  throw new UsageError(
    `--format sarif needs ${SARIF_FORMATTER}. Install it next to this tool, e.g. ` +
      `npx -p @tenantkit/eslint-plugin -p ${SARIF_FORMATTER} tenantkit-eslint --format sarif`,
  )
}
