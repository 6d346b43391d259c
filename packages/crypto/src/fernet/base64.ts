/**
 * Base64 for Fernet tokens. Output is url-safe base64 WITH `=` padding, as
 * the spec and Python's `cryptography` produce it (Node's `base64url`
 * drops the padding, which Python then rejects). Input is decoded exactly
 * as Python's `base64.urlsafe_b64decode` does, so a token is accepted here
 * if and only if the reference implementation accepts it.
 */

const PADDING = ['', '===', '==', '='] as const
const CANONICAL = /^[A-Za-z0-9_-]*={0,2}$/
const NON_ASCII = /[\u0080-\uffff]/

/** Encodes bytes as url-safe base64 with `=` padding. */
export function encodeBase64(bytes: Uint8Array): string {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString('base64url')
  return text + PADDING[text.length & 3]
}

/**
 * Decodes a token like Python's `urlsafe_b64decode`; `undefined` when
 * Python would raise. Canonical input takes Node's native decoder.
 */
export function decodeBase64(input: string | Uint8Array): Buffer | undefined {
  if (typeof input === 'string') {
    if ((input.length & 3) === 0 && CANONICAL.test(input)) {
      return Buffer.from(input, 'base64url')
    }
    // Python refuses to turn non-ASCII text into bytes before decoding.
    if (NON_ASCII.test(input)) return undefined
    return decodeLikePython(input.length, (i) => input.charCodeAt(i))
  }
  return decodeLikePython(input.length, (i) => input[i] ?? 0)
}

// Both alphabets decode: Python maps '-' and '_' to '+' and '/' and keeps
// any '+' and '/' already there.
const VALUE = new Int8Array(128).fill(-1)
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
for (let i = 0; i < ALPHABET.length; i++) VALUE[ALPHABET.charCodeAt(i)] = i
VALUE[43] = 62 // '+'
VALUE[45] = 62 // '-'
VALUE[47] = 63 // '/'
VALUE[95] = 63 // '_'

const PAD = 61 // '='

/**
 * The lenient decoder of CPython's `binascii.a2b_base64`: characters
 * outside the alphabet are skipped, a complete padding sequence ends the
 * input, and a final group of one character, or an unfinished group without
 * padding, is an error. Non-ASCII bytes are skipped.
 */
function decodeLikePython(
  length: number,
  codeAt: (index: number) => number,
): Buffer | undefined {
  const out = Buffer.allocUnsafe(Math.ceil((length * 3) / 4))
  let written = 0
  let quad = 0
  let pads = 0
  let carry = 0

  for (let i = 0; i < length; i++) {
    const code = codeAt(i)
    if (code === PAD) {
      if (quad >= 2 && quad + ++pads >= 4) return out.subarray(0, written)
      continue
    }
    const value = code < 128 ? (VALUE[code] ?? -1) : -1
    if (value < 0) continue
    pads = 0

    if (quad === 0) {
      carry = value
    } else if (quad === 1) {
      out[written++] = (carry << 2) | (value >> 4)
      carry = value & 0x0f
    } else if (quad === 2) {
      out[written++] = ((carry << 4) | (value >> 2)) & 0xff
      carry = value & 0x03
    } else {
      out[written++] = ((carry << 6) | value) & 0xff
    }
    quad = (quad + 1) & 3
  }
  return quad === 0 ? out.subarray(0, written) : undefined
}
