// Minimal types for the npm `fernet` package (0.4.0), a test-time
// cross-check only; it ships no declarations.
declare module 'fernet' {
  export class Secret {
    constructor(secret: string)
  }
  export class Token {
    constructor(options: {
      secret: Secret
      token?: string
      ttl?: number
      time?: string
      iv?: number[]
    })
    encode(message: string): string
    decode(token?: string): string
  }
}
