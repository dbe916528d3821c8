// One circuit breaker per provider name: after `failureThreshold` failed calls in a row the
// provider is skipped for `coolDownMs` (open); then one call is let through (half-open): its
// success closes the circuit, its failure opens it for another cool-down. It lives as long as the
// function's isolate, so a provider that is down stops costing each request a timeout.

export type CircuitState = 'closed' | 'open' | 'half-open';

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit (default 3). */
  failureThreshold?: number;
  /** How long an open circuit refuses calls before letting one through (ms, default 30 s). */
  coolDownMs?: number;
  now?: () => number;
}

interface Circuit {
  failures: number;
  openedAt: number | null;
  /** Half-open: the one call let through has not finished yet. */
  trialInFlight: boolean;
}

export class CircuitBreakerRegistry {
  readonly failureThreshold: number;
  readonly coolDownMs: number;
  readonly #now: () => number;
  readonly #circuits = new Map<string, Circuit>();

  constructor(options: CircuitBreakerOptions = {}) {
    this.failureThreshold = options.failureThreshold ?? 3;
    this.coolDownMs = options.coolDownMs ?? 30_000;
    this.#now = options.now ?? (() => Date.now());
    if (!Number.isInteger(this.failureThreshold) || this.failureThreshold < 1) {
      throw new RangeError(`failureThreshold must be a positive integer (got ${this.failureThreshold})`);
    }
    if (!(this.coolDownMs >= 0)) throw new RangeError(`coolDownMs must be 0 or more (got ${this.coolDownMs})`);
  }

  #circuit(provider: string): Circuit {
    let circuit = this.#circuits.get(provider);
    if (!circuit) {
      circuit = { failures: 0, openedAt: null, trialInFlight: false };
      this.#circuits.set(provider, circuit);
    }
    return circuit;
  }

  state(provider: string): CircuitState {
    const circuit = this.#circuit(provider);
    if (circuit.openedAt === null) return 'closed';
    return this.#now() - circuit.openedAt >= this.coolDownMs ? 'half-open' : 'open';
  }

  /** Whether a call to `provider` may go out now; in half-open state, only the first one may. */
  allow(provider: string): boolean {
    const state = this.state(provider);
    if (state === 'closed') return true;
    if (state === 'open') return false;
    const circuit = this.#circuit(provider);
    if (circuit.trialInFlight) return false;
    circuit.trialInFlight = true;
    return true;
  }

  /** When an open circuit lets a call through again (ms since the epoch of `now`), or null. */
  retryAt(provider: string): number | null {
    const { openedAt } = this.#circuit(provider);
    return openedAt === null ? null : openedAt + this.coolDownMs;
  }

  recordSuccess(provider: string): void {
    this.#circuits.set(provider, { failures: 0, openedAt: null, trialInFlight: false });
  }

  recordFailure(provider: string): void {
    const circuit = this.#circuit(provider);
    circuit.failures += 1;
    if (circuit.trialInFlight || circuit.failures >= this.failureThreshold) circuit.openedAt = this.#now();
    circuit.trialInFlight = false;
  }

  /** A call that ended without a verdict on the provider (cancelled by the user): frees the trial. */
  release(provider: string): void {
    this.#circuit(provider).trialInFlight = false;
  }
}
