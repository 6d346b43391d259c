/**
 * An error the API answers with as it is: a status, a stable code and a
 * message written for the client (never holding input or secrets).
 *
 * @example
 * throw new RequestError(404, 'not_found', 'No such integration.')
 */
export class RequestError extends Error {
  override readonly name = 'RequestError'
  readonly statusCode: number
  readonly code: string

  constructor(statusCode: number, code: string, message: string) {
    super(message)
    this.statusCode = statusCode
    this.code = code
  }
}
