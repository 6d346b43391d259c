import { parseArgs } from 'node:util'

/** The output formats the command line offers. */
export type OutputFormat = 'stylish' | 'json' | 'sarif'

/** What the command line was asked to do. */
export interface CliOptions {
  readonly paths: readonly string[]
  readonly format: OutputFormat
  /** Where to write the report instead of standard output. */
  readonly outputFile?: string
  readonly help: boolean
}

/** Thrown for command-line arguments the tool does not understand. */
export class UsageError extends Error {
  override readonly name: string = 'UsageError'
}

const FORMATS: readonly OutputFormat[] = ['stylish', 'json', 'sarif']

/**
 * Reads `tenantkit-eslint [--format f] [--output-file path] [paths...]`.
 *
 * @example
 * parseCliArgs(['--format', 'sarif', 'src']) // { paths: ['src'], format: 'sarif', help: false }
 */
export function parseCliArgs(argv: readonly string[]): CliOptions {
  let parsed: ReturnType<typeof parse>
  try {
    parsed = parse(argv)
  } catch (error) {
    throw new UsageError(`${(error as Error).message}. Run with --help for usage.`, {
      cause: error,
    })
  }
  const { values, positionals } = parsed
  const format = values.format ?? 'stylish'
  if (!FORMATS.includes(format as OutputFormat)) {
    throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, got '${format}'.`)
  }
  return {
    paths: positionals.length > 0 ? positionals : ['.'],
    format: format as OutputFormat,
    ...(values['output-file'] !== undefined ? { outputFile: values['output-file'] } : {}),
    help: values.help ?? false,
  }
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: 'string', short: 'f' },
      'output-file': { type: 'string', short: 'o' },
      help: { type: 'boolean', short: 'h' },
    },
  })
}

/** The `--help` text. */
export const USAGE: string = `Usage: tenantkit-eslint [options] [paths...]

Lints JavaScript and TypeScript files with @tenantkit/eslint-plugin's
recommended rules only, whatever ESLint config the repository has.
Exits 1 when anything is reported, 2 on a usage or setup error.

Options:
  -f, --format <stylish|json|sarif>  report format (default: stylish);
                                     sarif needs @microsoft/eslint-formatter-sarif
  -o, --output-file <path>           write the report to a file
  -h, --help                         show this help
`
