/** A statement sent ahead of the main one in the same pipeline. */
export interface PipelinedStatement {
  readonly sql: string
  readonly parameters: readonly string[]
}

/** Leading statements already in wire format, with how many they are. */
export interface EncodedStatements {
  /** Parse/Bind/Execute of each statement, unnamed, text parameters. */
  readonly bytes: Buffer
  /** How many statements `bytes` holds (each answers one CommandComplete). */
  readonly count: number
}

/**
 * Encodes statements as unnamed extended-protocol Parse/Bind/Execute
 * messages (no Describe: their rows are never read), byte for byte what
 * node-postgres would write for them. A scope encodes its prelude once
 * and every statement then writes the same buffer.
 *
 * @example
 * encodeStatements([{ sql: 'select set_config($1, $2, true)', parameters }])
 */
export function encodeStatements(
  statements: readonly PipelinedStatement[],
): EncodedStatements {
  const parts: Buffer[] = []
  for (const { sql, parameters } of statements) {
    parts.push(parse(sql), bind(parameters), EXECUTE)
  }
  return { bytes: Buffer.concat(parts), count: statements.length }
}

// Execute the unnamed portal, all rows.
const EXECUTE = Buffer.from([0x45, 0, 0, 0, 9, 0, 0, 0, 0, 0])

function parse(sql: string): Buffer {
  // Unnamed statement, the text, no parameter types (the server infers).
  return message(0x50, [cstring(''), cstring(sql), int16(0)])
}

function bind(parameters: readonly string[]): Buffer {
  const body = [cstring(''), cstring(''), int16(parameters.length)]
  for (const _ of parameters) body.push(int16(0))
  body.push(int16(parameters.length))
  for (const value of parameters) {
    const bytes = Buffer.from(value, 'utf8')
    body.push(int32(bytes.length), bytes)
  }
  // One result format code for all columns: text.
  body.push(int16(1), int16(0))
  return message(0x42, body)
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
