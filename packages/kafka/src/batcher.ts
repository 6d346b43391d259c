import type { ClientMessage } from './client'
import type { KafkaProducerError } from './errors'
import type { PreparedMessage } from './message'

/** Sends one batch of one topic; rejects with a typed error. */
export type SendBatch = (topic: string, messages: ClientMessage[]) => Promise<void>

export interface BatcherOptions {
  readonly lingerMs: number
  readonly maxBatchSize: number
  readonly maxBatchBytes: number
  readonly send: SendBatch
  /** Told about every failed batch, for health reporting. */
  readonly onError: (error: KafkaProducerError) => void
}

interface Entry extends PreparedMessage {
  settle(error?: KafkaProducerError): void
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
 * published during a round trip rides the next batch; every message keeps
 * its own promise, settled by the outcome of the batch that carried it.
 */
export class Batcher {
  readonly #options: BatcherOptions
  readonly #queues = new Map<string, TopicQueue>()
  readonly #unsettled = new Set<Entry>()
  #timer: NodeJS.Timeout | NodeJS.Immediate | undefined
  #drainWaiters: Array<() => void> = []

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
      const entry: Entry = {
        ...prepared,
        settle: (error) => {
          if (!this.#unsettled.delete(entry)) return
          if (error) reject(error)
          else resolve()
          if (this.#unsettled.size === 0) this.#notifyDrained()
        },
      }
      this.#unsettled.add(entry)
      const queue = this.#queue(topic)
      queue.items.push(entry)
      queue.bytes += entry.bytes
      const full = queue.items.length >= this.#options.maxBatchSize
        || queue.bytes >= this.#options.maxBatchBytes
      if (full) void this.#pump(queue)
      else this.#schedule()
    })
  }

  /** Sends everything queued now, without waiting for the linger time. */
  flush(): void {
    this.#clearTimer()
    for (const queue of this.#queues.values()) void this.#pump(queue)
  }

  /** Resolves once every accepted message has settled. */
  drained(): Promise<void> {
    if (this.#unsettled.size === 0) return Promise.resolve()
    return new Promise((resolve) => this.#drainWaiters.push(resolve))
  }

  /** Rejects messages still queued, which never reached the client. */
  rejectQueued(error: (topic: string) => KafkaProducerError): void {
    this.#clearTimer()
    for (const queue of this.#queues.values()) {
      const items = queue.items.splice(0)
      queue.bytes = 0
      for (const entry of items) entry.settle(error(queue.topic))
    }
  }

  /** Rejects every message not yet settled, sent or not. */
  rejectAll(error: () => KafkaProducerError): void {
    this.rejectQueued(() => error())
    for (const entry of [...this.#unsettled]) entry.settle(error())
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
    const run = (): void => {
      this.#timer = undefined
      this.flush()
    }
    this.#timer = this.#options.lingerMs === 0
      ? setImmediate(run)
      : setTimeout(run, this.#options.lingerMs)
  }

  #clearTimer(): void {
    if (!this.#timer) return
    clearTimeout(this.#timer as NodeJS.Timeout)
    clearImmediate(this.#timer as NodeJS.Immediate)
    this.#timer = undefined
  }

  async #pump(queue: TopicQueue): Promise<void> {
    if (queue.busy) return
    queue.busy = true
    while (queue.items.length > 0) {
      const batch = this.#take(queue)
      try {
        await this.#options.send(queue.topic, batch.map((e) => e.message))
        for (const entry of batch) entry.settle()
      } catch (caught) {
        const error = caught as KafkaProducerError
        this.#options.onError(error)
        for (const entry of batch) entry.settle(error)
        // Everything queued was waiting on the same failed connect.
        if (error.code === 'CONNECT_FAILED') this.#rejectQueue(queue, error)
      }
    }
    queue.busy = false
    if (queue.items.length === 0) this.#queues.delete(queue.topic)
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

  #rejectQueue(queue: TopicQueue, error: KafkaProducerError): void {
    const items = queue.items.splice(0)
    queue.bytes = 0
    for (const entry of items) entry.settle(error)
  }

  #notifyDrained(): void {
    const waiters = this.#drainWaiters
    this.#drainWaiters = []
    for (const wake of waiters) wake()
  }
}
