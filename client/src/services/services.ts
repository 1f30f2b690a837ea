import { createBffApi } from '../api/bff-api';
import { createHttpClient, type RequestFn } from '../api/http';
import { withPrefetch, type PrefetchingBffApi } from '../api/prefetch';
import { BFF_BASE_URL } from '../build-env';
import { createH5Launcher } from '../launch/create-h5-launcher';
import type { H5Launcher } from '../launch/h5-launcher';
import { createWeappSession, type WeappSession } from '../session/weapp-session';

/** Everything pages and components reach the outside world through; tests build their own. */
export interface Services {
  /** The BFF's endpoints; the app may send a page's first request early (`api/prefetch.ts`). */
  api: PrefetchingBffApi;
  /** Mini program only: silent login and the session token. */
  weappSession: WeappSession;
  /** H5 only: JS-SDK readiness, launch targets for the open tag (with sign-in), the share card. */
  h5Launcher: H5Launcher;
}

export interface ServicesOptions {
  baseUrl?: string;
  request?: RequestFn;
  /** Default: the platform's own (`launch/create-h5-launcher*.ts`). */
  h5Launcher?: H5Launcher;
}

export function createServices({ baseUrl = BFF_BASE_URL, request, h5Launcher }: ServicesOptions = {}): Services {
  const api = withPrefetch(createBffApi(createHttpClient({ baseUrl, request })));
  return {
    api,
    weappSession: createWeappSession({ api }),
    h5Launcher: h5Launcher ?? createH5Launcher({ api, baseUrl }),
  };
}
