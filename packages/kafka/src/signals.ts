/** Anything the signal handler can shut down. */
export interface Shutdownable {
  shutdown(): Promise<void>
}

const SIGNALS = ['SIGTERM', 'SIGINT'] as const

interface SignalState {
  readonly producers: Set<Shutdownable>
  installed: boolean
  stopping: boolean
}

// Kept on globalThis so the ESM and CommonJS builds, if both get loaded,
// still install one handler per process.
const KEY = Symbol.for('@tenantkit/kafka/signals')
const state: SignalState = ((globalThis as Record<symbol, unknown>)[KEY] ??= {
  producers: new Set<Shutdownable>(),
  installed: false,
  stopping: false,
}) as SignalState

/**
 * Shuts `producer` down on SIGTERM or SIGINT. The handlers are installed
 * once per process; after every registered producer has shut down they are
 * removed and the signal is raised again, so the process ends as the signal
 * intended (unless the host listens to it too, in which case the host's
 * own handler decides). A second signal during shutdown stops waiting.
 *
 * @example
 * shutdownOnSignals(createProducer({ brokers }))
 */
export function shutdownOnSignals(producer: Shutdownable): void {
  state.producers.add(producer)
  if (state.installed) return
  state.installed = true
  for (const signal of SIGNALS) process.on(signal, onSignal)
}

/**
 * Drops a producer whose shutdown has completed from the set a signal
 * shuts down, so create/shutdown cycles hold no memory. The listeners stay
 * installed (once per process); with nothing registered, a signal just
 * ends the process as it would have without tenantkit.
 */
export function forgetOnSignals(producer: Shutdownable): void {
  state.producers.delete(producer)
}

/** How many producers a signal would shut down now (for tests). */
export function signalHandledCount(): number {
  return state.producers.size
}

function onSignal(signal: NodeJS.Signals): void {
  if (state.stopping) {
    reraise(signal)
    return
  }
  state.stopping = true
  const producers = [...state.producers]
  state.producers.clear()
  void Promise.allSettled(producers.map((p) => p.shutdown()))
    .then(() => reraise(signal))
}

function reraise(signal: NodeJS.Signals): void {
  if (state.installed) {
    for (const name of SIGNALS) process.off(name, onSignal)
    state.installed = false
  }
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal)
}
