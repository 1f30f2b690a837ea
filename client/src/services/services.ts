import { createBffApi } from '../api/bff-api';
import { createHttpClient, type HttpClient, type RequestFn } from '../api/http';
import { withPrefetch, type PrefetchingBffApi } from '../api/prefetch';
import { BFF_BASE_URL } from '../build-env';
import { createH5Launcher } from '../launch/create-h5-launcher';
import type { H5Launcher } from '../launch/h5-launcher';
import { connectSocket } from '../push/connect-socket';
import { eventsUrl } from '../push/events-url';
import { createLiveSocket, type LiveSocket } from '../push/live-socket';
import type { ConnectSocket } from '../push/push-socket';
import { createWeappSession, type WeappSession } from '../session/weapp-session';

/** Everything pages and components reach the outside world through; tests build their own. */
export interface Services {
  /** The BFF's endpoints; the app may send a page's first request early (`api/prefetch.ts`). */
  api: PrefetchingBffApi;
  /** The BFF over HTTP, for the calls only one platform makes (the mini program's `resolveScene`). */
  http: HttpClient;
  /** Mini program only: silent login and the session token. */
  weappSession: WeappSession;
  /** H5 only: JS-SDK readiness, launch targets for the open tag (with sign-in), the share card. */
  h5Launcher: H5Launcher;
  /** The app's one push socket: card frames for the lives on screen (`push/live-socket.ts`). */
  liveSocket: LiveSocket;
}

export interface ServicesOptions {
  baseUrl?: string;
  request?: RequestFn;
  /** Default: the platform's own (`launch/create-h5-launcher*.ts`). */
  h5Launcher?: H5Launcher;
  /** Default: the platform's `Taro.connectSocket` (`push/connect-socket*.ts`). */
  connectSocket?: ConnectSocket;
  /** Default: one built from `connectSocket` and the platform's `eventsUrl(baseUrl)`. */
  liveSocket?: LiveSocket;
}

export function createServices({
  baseUrl = BFF_BASE_URL,
  request,
  h5Launcher,
  connectSocket: connect = connectSocket,
  liveSocket,
}: ServicesOptions = {}): Services {
  const http = createHttpClient({ baseUrl, request });
  const api = withPrefetch(createBffApi(http));
  return {
    api,
    http,
    weappSession: createWeappSession({ api }),
    h5Launcher: h5Launcher ?? createH5Launcher({ api, baseUrl }),
    liveSocket: liveSocket ?? createLiveSocket({ connect, url: eventsUrl(baseUrl) }),
  };
}
