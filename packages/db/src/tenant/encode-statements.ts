/** A statement sent ahead of the main one in the same pipeline. */
export interface PipelinedStatement {
  readonly sql: string
  /** Text values; each parameter is declared as `text` to the server. */
  readonly parameters: readonly string[]
}

/** Leading statements already in wire format, with how many they are. */
export interface EncodedStatements {
  /** The extended-protocol messages, ready to write. */
  readonly bytes: Buffer
  /** How many statements `bytes` executes (each answers one CommandComplete). */
  readonly count: number
}

/**
 * One statement in the two forms a connection sends once it keeps the
 * statement prepared under `name`: the first time (close any stale copy,
 * parse, then run) and every time after (run only).
 */
export interface NamedStatement {
  readonly name: string
  /** Close, Parse under `name`, Bind and Execute. */
  readonly prepare: EncodedStatements
  /** Bind and Execute the statement prepared under `name`. */
  readonly execute: EncodedStatements
}

/**
 * Encodes statements as unnamed extended-protocol Parse/Bind/Execute
 * messages (no Describe: their rows are never read). A scope encodes its
 * prelude once and every statement then writes the same buffer.
 *
 * @example
 * encodeStatements([{ sql: 'select set_config($1, $2, true)', parameters }])
 */
export function encodeStatements(
  statements: readonly PipelinedStatement[],
): EncodedStatements {
  const parts: Buffer[] = []
  for (const { sql, parameters } of statements) {
    parts.push(parse('', sql, parameters.length), bind('', parameters), EXECUTE)
  }
  return { bytes: Buffer.concat(parts), count: statements.length }
}

/**
 * Encodes one statement to be kept prepared under `name` on a connection:
 * the server then parses and plans it once per connection instead of once
 * per use. Closing before parsing makes the first form safe whether or
 * not the connection already holds a statement of that name (closing a
 * missing statement is not an error).
 *
 * @example
 * const prelude = encodeNamedStatement('tenantkit_1a2b', { sql, parameters })
 * client.stream.write(prepared ? prelude.execute.bytes : prelude.prepare.bytes)
 */
export function encodeNamedStatement(
  name: string,
  { sql, parameters }: PipelinedStatement,
): NamedStatement {
  const execute = Buffer.concat([bind(name, parameters), EXECUTE])
  return {
    name,
    prepare: {
      bytes: Buffer.concat([close(name), parse(name, sql, parameters.length), execute]),
      count: 1,
    },
    execute: { bytes: execute, count: 1 },
  }
}

// Execute the unnamed portal, all rows.
const EXECUTE = Buffer.from([0x45, 0, 0, 0, 9, 0, 0, 0, 0, 0])
const TEXT_OID = 25

function parse(name: string, sql: string, parameterCount: number): Buffer {
  // Every parameter declared as text: the server skips inferring types.
  const body = [cstring(name), cstring(sql), int16(parameterCount)]
  for (let i = 0; i < parameterCount; i++) body.push(int32(TEXT_OID))
  return message(0x50, body)
}

function bind(statement: string, parameters: readonly string[]): Buffer {
  // Unnamed portal; no format codes (all parameters in text).
  const body = [cstring(''), cstring(statement), int16(0), int16(parameters.length)]
  for (const value of parameters) {
    const bytes = Buffer.from(value, 'utf8')
    body.push(int32(bytes.length), bytes)
  }
  // One result format code for all columns: text.
  body.push(int16(1), int16(0))
  return message(0x42, body)
}

function close(statement: string): Buffer {
  return message(0x43, [Buffer.from('S'), cstring(statement)])
}

function message(code: number, body: Buffer[]): Buffer {
  const content = Buffer.concat(body)
  return Buffer.concat([Buffer.from([code]), int32(content.length + 4), content])
}

function cstring(text: string): Buffer {
  return Buffer.from(`${text}\0`, 'utf8')
}

function int16(value: number): Buffer {
  const buffer = Buffer.alloc(2)
  buffer.writeInt16BE(value)
  return buffer
}

function int32(value: number): Buffer {
  const buffer = Buffer.alloc(4)
  buffer.writeInt32BE(value)
  return buffer
}
