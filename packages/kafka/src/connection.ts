import type { KafkaProducerClient } from './client'
import { KafkaConnectionError, KafkaProducerError, KafkaShutdownError } from './errors'

/**
 * Connects a client lazily and once: concurrent callers share the attempt
 * in flight, a failed attempt is forgotten so the next caller tries again,
 * and `close` disconnects exactly once.
 */
export class Connection {
  readonly #build: () => Promise<KafkaProducerClient>
  readonly #onConnected: () => void
  #client: KafkaProducerClient | undefined
  #ready: KafkaProducerClient | undefined
  #pending: Promise<KafkaProducerClient> | undefined
  #closing: Promise<void> | undefined

  constructor(build: () => Promise<KafkaProducerClient>, onConnected: () => void) {
    this.#build = build
    this.#onConnected = onConnected
  }

  /** The connected client, or undefined before the first connect. */
  get ready(): KafkaProducerClient | undefined {
    return this.#ready
  }

  get connecting(): boolean {
    return this.#pending !== undefined
  }

  /** Resolves with the connected client; rejects with a typed error. */
  ensure(): Promise<KafkaProducerClient> {
    if (this.#closing) {
      return Promise.reject(new KafkaShutdownError(
        'The producer is shut down and will not reconnect.', undefined))
    }
    if (this.#ready) return Promise.resolve(this.#ready)
    this.#pending ??= this.#connect().then(
      (client) => {
        this.#pending = undefined
        this.#ready = client
        this.#onConnected()
        return client
      },
      (error: unknown) => {
        this.#pending = undefined
        throw error instanceof KafkaProducerError ? error
          : new KafkaConnectionError('Cannot connect to Kafka.', error)
      },
    )
    return this.#pending
  }

  /** Stops new connects, waits for one in flight, disconnects once. */
  close(): Promise<void> {
    this.#closing ??= this.#disconnect()
    return this.#closing
  }

  async #connect(): Promise<KafkaProducerClient> {
    this.#client ??= await this.#build()
    await this.#client.connect()
    return this.#client
  }

  async #disconnect(): Promise<void> {
    await this.#pending?.catch(() => undefined)
    this.#ready = undefined
    await this.#client?.disconnect()
  }
}
