import { ErrorBodySchema } from './schemas/api-schemas';
import type { RouteResponse } from './route-spec';

/** The 503 of any route that needs WeCom or WeChat: the platform is down or rate-limiting, and when to come back. */
export function upstreamUnavailable(platform: 'WeCom' | 'WeChat', whenNothingCached = false): RouteResponse {
  return {
    description: `${platform} is rate-limiting or down${whenNothingCached ? ' and nothing is cached' : ''}`,
    schema: ErrorBodySchema,
    headers: { 'Retry-After': 'Seconds to wait' },
  };
}
