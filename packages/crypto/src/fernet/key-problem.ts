/** What is wrong with a key given as text, and how to fix it. */
export interface KeyProblem {
  /** Completes "key 2 of 3 …"; never contains any part of the key. */
  readonly problem: string
  readonly fix: string
}

const ALPHABET = /[A-Za-z0-9_\-+/]/
const WHITESPACE = /\s/
const PAD = '='
const DATA_CHARS = 43

const COPY_AGAIN =
  'Copy the whole key again from where it is kept, or make a new one with ' +
  'generateKey() (or Python\'s Fernet.generate_key()): 43 url-safe base64 ' +
  'characters and one "=".'

/**
 * Explains why Python's `Fernet(key)` (`base64.urlsafe_b64decode`, then a
 * 32-byte check) refuses a text key. Only called for keys it refuses;
 * positions count from 1 in the text as given.
 */
export function describeKeyProblem(text: string): KeyProblem {
  const nonAscii = /[\u0080-\uffff]/.exec(text)
  if (nonAscii) {
    return {
      problem: `has a non-ASCII character at position ${nonAscii.index + 1}`,
      fix: 'Remove it: Python\'s Fernet refuses a key with any non-ASCII ' +
        `character. ${COPY_AGAIN}`,
    }
  }

  const scan = scanLikePython(text)
  if (scan.data === 0) {
    return {
      problem: text.trim() === '' ? 'is empty' : 'has no base64 characters',
      fix: `Set the key. ${COPY_AGAIN}`,
    }
  }
  if (scan.data === DATA_CHARS && scan.end === undefined) {
    return {
      problem: 'ends without its "=" padding',
      fix: 'Restore the trailing "=" padding (add one "=" at the end). ' +
        'Python\'s Fernet refuses the key without it, so a service in ' +
        'Python sharing this key list would fail to start.',
    }
  }

  let problem = `has ${scan.data} base64 characters; a Fernet key has ` +
    `${DATA_CHARS}, then "=" (32 bytes)`
  if (scan.end !== undefined && scan.end < text.length - 1) {
    problem += `, and the "=" at position ${scan.end + 1} ends it`
  }
  if (scan.junk !== undefined) {
    problem += `; position ${scan.junk + 1} holds a character that is not ` +
      'base64'
  }
  return { problem, fix: COPY_AGAIN }
}

interface Scan {
  /** Base64 characters Python decodes. */
  readonly data: number
  /** Index of the "=" that completes the padding, when one does. */
  readonly end: number | undefined
  /** Index of the first skipped character that is not whitespace. */
  readonly junk: number | undefined
}

/**
 * Walks the text as CPython's lenient `a2b_base64` does: characters
 * outside the alphabet are skipped, and an "=" that completes a group of
 * four ends the input.
 */
function scanLikePython(text: string): Scan {
  let data = 0
  let pads = 0
  let junk: number | undefined
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!
    if (char === PAD) {
      const quad = data & 3
      if (quad >= 2 && quad + ++pads >= 4) return { data, end: i, junk }
    } else if (ALPHABET.test(char)) {
      data++
      pads = 0
    } else if (!WHITESPACE.test(char)) {
      junk ??= i
    }
  }
  return { data, end: undefined, junk }
}
