import type { BffApi } from '../api/bff-api';
import type { HttpClient } from '../api/http';

/**
 * Tells the BFF a live page showed a live, for our funnel. H5: the BFF tells visitors apart by its own signed cookie,
 * so nothing is sent but the tag. Best effort: a beacon that fails is not the viewer's problem.
 */
export function sendViewBeacon(
  { api }: { api: Pick<BffApi, 'beacon'>; http: HttpClient },
  livingId: string,
  from: string | undefined,
): void {
  api.beacon(livingId, 'views', { from }).catch(() => undefined);
}
