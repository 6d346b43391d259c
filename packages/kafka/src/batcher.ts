import type { ClientMessage } from './client'
import type { KafkaProducerError } from './errors'
import type { PreparedMessage } from './message'

/** Sends one batch of one topic; rejects with a typed error. */
export type SendBatch = (topic: string, messages: ClientMessage[]) => Promise<void>

export interface BatcherOptions {
  readonly lingerMs: number
  readonly maxBatchSize: number
  readonly maxBatchBytes: number
  /** Undefined when connected; else the connect to wait for first. */
  readonly connect: () => Promise<unknown> | undefined
  readonly send: SendBatch
  /** Told about every failed batch, for health reporting. */
  readonly onError: (error: KafkaProducerError) => void
}

interface Entry {
  readonly message: ClientMessage
  readonly bytes: number
  readonly resolve: () => void
  readonly reject: (error: KafkaProducerError) => void
}

interface DrainWaiter {
  /** The messages unsettled when the waiter arrived. */
  readonly pending: Set<Entry>
  readonly wake: () => void
}

interface TopicQueue {
  readonly topic: string
  readonly items: Entry[]
  bytes: number
  busy: boolean
}

/**
 * Coalesces publishes into per-topic batches. A topic has at most one batch
 * in flight, so a tenant's messages keep their order and whatever is
 * published during a round trip (or the first connect) rides the next
 * batch. With no linger, a message to an idle topic leaves at once; with a
 * linger it waits that long for company. Every message keeps its own
 * promise, settled by the outcome of the batch that carried it.
 */
export class Batcher {
  readonly #options: BatcherOptions
  readonly #queues = new Map<string, TopicQueue>()
  readonly #unsettled = new Set<Entry>()
  #timer: NodeJS.Timeout | undefined
  #drainWaiters: DrainWaiter[] = []

  constructor(options: BatcherOptions) {
    this.#options = options
  }

  /** Messages accepted and not yet settled. */
  get inFlight(): number {
    return this.#unsettled.size
  }

  /** Queues a message; the promise settles with its delivery outcome. */
  add(topic: string, prepared: PreparedMessage): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const { message, bytes } = prepared
      const entry: Entry = { message, bytes, resolve, reject }
      this.#unsettled.add(entry)
      const queue = this.#queue(topic)
      queue.items.push(entry)
      queue.bytes += entry.bytes
      const full = queue.items.length >= this.#options.maxBatchSize
        || queue.bytes >= this.#options.maxBatchBytes
      if (queue.busy) return
      if (full || this.#options.lingerMs === 0) void this.#pump(queue)
      else this.#schedule()
    })
  }

  /** Sends everything queued now, without waiting for the linger time. */
  flush(): void {
    this.#clearTimer()
    for (const queue of this.#queues.values()) void this.#pump(queue)
  }

  /**
   * Resolves once every message accepted so far has settled; later ones
   * are not waited for, so steady publishing cannot hold it forever.
   */
  drained(): Promise<void> {
    if (this.#unsettled.size === 0) return Promise.resolve()
    const pending = new Set(this.#unsettled)
    return new Promise((wake) => this.#drainWaiters.push({ pending, wake }))
  }

  /** Rejects messages still queued, which never reached the client. */
  rejectQueued(error: (topic: string) => KafkaProducerError): void {
    this.#clearTimer()
    for (const queue of this.#queues.values()) {
      const items = queue.items.splice(0)
      queue.bytes = 0
      for (const entry of items) this.#settle(entry, error(queue.topic))
    }
  }

  /** Rejects every message not yet settled, sent or not. */
  rejectAll(error: () => KafkaProducerError): void {
    this.rejectQueued(() => error())
    for (const entry of [...this.#unsettled]) this.#settle(entry, error())
  }

  #queue(topic: string): TopicQueue {
    let queue = this.#queues.get(topic)
    if (!queue) {
      queue = { topic, items: [], bytes: 0, busy: false }
      this.#queues.set(topic, queue)
    }
    return queue
  }

  #schedule(): void {
    if (this.#timer) return
    this.#timer = setTimeout(() => {
      this.#timer = undefined
      this.flush()
    }, this.#options.lingerMs)
  }

  #clearTimer(): void {
    clearTimeout(this.#timer)
    this.#timer = undefined
  }

  async #pump(queue: TopicQueue): Promise<void> {
    if (queue.busy) return
    queue.busy = true
    while (queue.items.length > 0) {
      const connecting = this.#options.connect()
      if (connecting) {
        try {
          await connecting
        } catch (error) {
          // Everything queued was waiting on this failed connect.
          this.#fail(queue.items.splice(0), error as KafkaProducerError)
          queue.bytes = 0
          continue
        }
      }
      const batch = this.#take(queue)
      // Shutdown may have rejected the queue while the connect was pending.
      if (batch.length === 0) continue
      try {
        await this.#options.send(queue.topic, batch.map((e) => e.message))
        for (const entry of batch) this.#settle(entry)
      } catch (error) {
        this.#fail(batch, error as KafkaProducerError)
      }
    }
    queue.busy = false
    if (queue.items.length === 0) this.#queues.delete(queue.topic)
  }

  #fail(entries: Entry[], error: KafkaProducerError): void {
    this.#options.onError(error)
    for (const entry of entries) this.#settle(entry, error)
  }

  #take(queue: TopicQueue): Entry[] {
    const { maxBatchSize, maxBatchBytes } = this.#options
    let count = 0
    let bytes = 0
    for (const entry of queue.items) {
      if (count === maxBatchSize) break
      if (count > 0 && bytes + entry.bytes > maxBatchBytes) break
      count++
      bytes += entry.bytes
    }
    queue.bytes -= bytes
    return queue.items.splice(0, count)
  }

  // Settles once: a batch answered after shutdown gave up on it is ignored.
  #settle(entry: Entry, error?: KafkaProducerError): void {
    if (!this.#unsettled.delete(entry)) return
    if (error) entry.reject(error)
    else entry.resolve()
    if (this.#drainWaiters.length > 0) this.#notifyDrained(entry)
  }

  #notifyDrained(entry: Entry): void {
    this.#drainWaiters = this.#drainWaiters.filter(({ pending, wake }) => {
      pending.delete(entry)
      if (pending.size > 0) return true
      wake()
      return false
    })
  }
}
