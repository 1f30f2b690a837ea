import type { LivesResponse, LivingCodeResponse, SessionResponse } from '../../../shared/api';
import type { LiveCard } from '../../../shared/live-card';
import type { HttpClient } from './http';

/** Answer to a conditional `GET /api/lives/:livingId`. */
export type LiveFetch = { changed: false } | { changed: true; live: LiveCard; etag?: string };

/** The BFF's endpoints as typed calls; every failure is an `ApiError`. */
export interface BffApi {
  listLives(): Promise<LiveCard[]>;
  /** With `etag`, a 304 comes back as `{ changed: false }`. */
  getLive(livingId: string, etag?: string): Promise<LiveFetch>;
  createWeappSession(code: string): Promise<SessionResponse>;
  livingCode(livingId: string, options: { replay: boolean; token: string }): Promise<LivingCodeResponse>;
}

const livePath = (livingId: string) => `/api/lives/${encodeURIComponent(livingId)}`;

export function createBffApi(http: HttpClient): BffApi {
  return {
    async listLives() {
      const res = await http<LivesResponse>({ method: 'GET', path: '/api/lives' });
      return res.data.lives;
    },
    async getLive(livingId, etag) {
      const res = await http<LiveCard>({
        method: 'GET',
        path: livePath(livingId),
        headers: etag ? { 'If-None-Match': etag } : undefined,
      });
      if (res.status === 304) return { changed: false };
      return { changed: true, live: res.data, etag: res.headers.etag };
    },
    async createWeappSession(code) {
      const res = await http<SessionResponse>({ method: 'POST', path: '/api/session/weapp', body: { code } });
      return res.data;
    },
    async livingCode(livingId, { replay, token }) {
      const res = await http<LivingCodeResponse>({
        method: 'POST',
        path: `${livePath(livingId)}/code`,
        body: { replay },
        headers: { Authorization: `Bearer ${token}` },
      });
      return res.data;
    },
  };
}
