import { types } from 'node:util'
import type { ClientMessage } from './client'
import { KafkaValidationError } from './errors'

/**
 * A message value: a string or bytes are sent as they are; an object or an
 * array is sent as JSON. Other binary data (an ArrayBuffer, a DataView,
 * other typed arrays) is refused: wrap it in a Buffer.
 */
export type MessageValue =
  | string
  | Uint8Array
  | Readonly<Record<string, unknown>>
  | readonly unknown[]

/** Per-message settings of `publish`. */
export interface PublishOptions {
  /**
   * The tenant the event belongs to; sent in the tenant header.
   * @example '6f1c2a9e-3b1d-4b8e-9a57-0c2f3e4d5a6b'
   */
  readonly tenantId: string
  /**
   * Partitioning key. Messages with the same key stay in order.
   * @default tenantId
   */
  readonly key?: string | Uint8Array
  /**
   * Extra headers; the tenant header is set from `tenantId` and cannot be
   * given here.
   * @default {}
   */
  readonly headers?: Readonly<Record<string, string | Uint8Array>>
}

/** A validated message with its size, ready to batch. */
export interface PreparedMessage {
  readonly message: ClientMessage
  readonly bytes: number
}

const TOPIC = /^[a-zA-Z0-9._-]{1,249}$/

/** Checks the topic name against Kafka's rules. */
export function checkTopic(topic: unknown): asserts topic is string {
  if (typeof topic !== 'string' || !TOPIC.test(topic)
    || topic === '.' || topic === '..') {
    throw new KafkaValidationError(
      'Invalid topic name.',
      'A topic is 1 to 249 characters of a-z, A-Z, 0-9, ".", "_" or "-", '
        + 'and not "." or "..".',
    )
  }
}

/** Validates one publish call and turns it into a client message. */
export function prepareMessage(
  topic: string,
  value: MessageValue,
  options: PublishOptions,
  limits: { readonly tenantHeader: string; readonly maxBatchBytes: number },
): PreparedMessage {
  const { tenantHeader, maxBatchBytes } = limits
  if (typeof options !== 'object' || options === null) {
    invalid(topic, 'publish needs options with a tenantId',
      'Call publish(topic, message, { tenantId }).')
  }
  const tenantId = options.tenantId
  if (typeof tenantId !== 'string' || tenantId.trim() === '') {
    invalid(topic, 'tenantId must be a non-empty string',
      'Pass the id of the tenant this event belongs to.')
  }
  const body = encodeValue(topic, value)
  const key = options.key === undefined ? tenantId : bytes(options.key)
  if (key === undefined || (typeof key === 'string' && key === '')) {
    invalid(topic, 'key must be a non-empty string or bytes',
      'Leave key out to key by tenant id.')
  }
  const headers: Record<string, Buffer | string> = {}
  let size = options.headers === undefined ? 0
    : encodeHeaders(topic, options.headers, tenantHeader, headers)
  headers[tenantHeader] = tenantId

  const tenantBytes = Buffer.byteLength(tenantId)
  size += byteLength(body) + tenantHeader.length + tenantBytes
    + (key === tenantId ? tenantBytes : byteLength(key))
  if (size > maxBatchBytes) {
    invalid(topic, `the message is ${size} bytes, more than maxBatchBytes `
      + `(${maxBatchBytes})`, 'Publish smaller messages, or raise '
      + 'maxBatchBytes together with the topic\'s max.message.bytes.')
  }
  return { message: { key, value: body, headers }, bytes: size }
}

function encodeValue(topic: string, value: MessageValue): Buffer | string {
  if (typeof value === 'string') return value
  const raw = bytes(value)
  if (raw !== undefined) return raw
  if (typeof value !== 'object' || value === null) {
    const kind = value == null ? String(value) : `a ${typeof value}`
    invalid(topic, `message is ${kind}`,
      'Publish a string, a Buffer or a JSON-serialisable object.')
  }
  // JSON would turn these bytes into "{}" or {"0": ...}: refuse, not mangle.
  if (ArrayBuffer.isView(value) || types.isAnyArrayBuffer(value)) {
    invalid(topic, 'message is binary data but not a Buffer or Uint8Array',
      'Wrap it first: Buffer.from(arrayBuffer), or Buffer.from(view.buffer, '
        + 'view.byteOffset, view.byteLength).')
  }
  let json: string | undefined
  try {
    json = JSON.stringify(value)
  } catch (error) {
    invalid(topic, 'message cannot be serialised as JSON',
      'Remove cycles and BigInt values, or serialise it yourself.', error)
  }
  if (json === undefined) {
    invalid(topic, 'message serialises to nothing',
      'Check its toJSON method.')
  }
  return json
}

// Copies the given headers into `headers` and returns their size in bytes.
function encodeHeaders(
  topic: string,
  given: NonNullable<PublishOptions['headers']>,
  tenantHeader: string,
  headers: Record<string, Buffer | string>,
): number {
  let size = 0
  if (typeof given !== 'object' || given === null || Array.isArray(given)) {
    invalid(topic, 'headers must be an object of name to value',
      'Pass headers like { source: \'billing\' }.')
  }
  for (const [name, value] of Object.entries(given)) {
    if (name === '') {
      invalid(topic, 'a header name is empty', 'Name every header.')
    }
    if (name.toLowerCase() === tenantHeader.toLowerCase()) {
      invalid(topic, `header "${tenantHeader}" is set from tenantId`,
        'Remove it from headers and pass tenantId.')
    }
    const encoded = typeof value === 'string' ? value : bytes(value)
    if (encoded === undefined) {
      invalid(topic, `header "${name}" is not a string or bytes`,
        'Convert header values to strings or Buffers.')
    }
    headers[name] = encoded
    size += Buffer.byteLength(name) + byteLength(encoded)
  }
  return size
}

function bytes(value: unknown): Buffer | string | undefined {
  if (typeof value === 'string') return value
  if (Buffer.isBuffer(value)) return value
  if (value instanceof Uint8Array) {
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength)
  }
  return undefined
}

function byteLength(value: Buffer | string): number {
  return typeof value === 'string' ? Buffer.byteLength(value) : value.length
}

function invalid(
  topic: string,
  message: string,
  fix: string,
  cause?: unknown,
): never {
  throw new KafkaValidationError(`Cannot publish to "${topic}": ${message}.`,
    fix, topic, cause)
}
