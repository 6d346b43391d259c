/**
 * A connection URL with its password replaced, safe to print.
 *
 * @example
 * redactUrl('postgres://app:s3cret@db:5432/app')
 * // 'postgres://app:***@db:5432/app'
 */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.password) parsed.password = '***'
    return parsed.toString()
  } catch {
    return '<unparseable URL>'
  }
}

/**
 * `text` with every spelling of the password in `url` replaced, so a driver
 * message that quotes the connection string cannot leak it.
 */
export function redactPassword(text: string, url: string): string {
  let password = ''
  try {
    password = new URL(url).password
  } catch {
    // An unparseable URL may still hold a secret: hide the whole string.
    return url.length > 0 ? text.split(url).join('<unparseable URL>') : text
  }
  if (password.length === 0) return text
  const spellings = new Set([password, safeDecode(password)])
  let result = text
  for (const spelling of spellings) result = result.split(spelling).join('***')
  return result
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}
