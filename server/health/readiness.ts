/** What `/readyz` reports: whether a load balancer should send this instance traffic. */
export interface Readiness {
  /** `starting` until the server listens, `stopping` once SIGTERM arrived. */
  phase(): 'starting' | 'ready' | 'stopping';
  /** Parts running on a fallback: the instance still serves (taking every instance out at once would be an outage). */
  degraded(): string[];
}

export function createReadiness({ storeDegraded = () => false }: { storeDegraded?: () => boolean } = {}) {
  let phase: ReturnType<Readiness['phase']> = 'starting';
  return {
    phase: () => phase,
    degraded: () => (storeDegraded() ? ['store'] : []),
    ready() {
      phase = 'ready';
    },
    stopping() {
      phase = 'stopping';
    },
  };
}

export type ReadinessControl = ReturnType<typeof createReadiness>;
