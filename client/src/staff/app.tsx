import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import type { StaffMe } from '../../../shared/staff-api';
import { mayManageLives } from '../../../shared/staff-roles';
import { isApiError } from '../api/api-error';
import { ForbiddenPage } from './components/forbidden-page';
import { Link } from './components/link';
import { ErrorState, Loading } from './components/state-views';
import { CreateLivePage } from './pages/create-live-page';
import { EditLivePage } from './pages/edit-live-page';
import { LivesPage } from './pages/lives-page';
import { SharePage } from './pages/share-page';
import { matchRoute, routeHref, useLocation, type StaffRoute } from './router';
import { goToSignIn, signedIn, staffSignInHref } from './sign-in';
import type { StaffApi } from './staff-api-client';
import { StaffContext, type StaffContextValue } from './staff-context';

// The stats page carries chart.js: its own chunk, fetched the first time someone opens a stats page.
const StatsPage = lazy(() => import('./pages/stats-page'));

type Session =
  | { state: 'loading' }
  | { state: 'signed-in'; me: StaffMe }
  | { state: 'signing-in' }
  | { state: 'sign-in-stuck' }
  | { state: 'forbidden' }
  | { state: 'signed-out' }
  | { state: 'error'; error: unknown };

/** The console: who is signed in (`/api/staff/me`), then the page the path names. */
export function App({ api, now = Date.now }: { api: StaffApi; now?: () => number }) {
  const [session, setSession] = useState<Session>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    api.me().then(
      (me) => {
        signedIn();
        if (live) setSession({ state: 'signed-in', me });
      },
      (error: unknown) => {
        if (!live) return;
        if (isApiError(error) && error.status === 401) {
          setSession({ state: goToSignIn() ? 'signing-in' : 'sign-in-stuck' });
        } else if (isApiError(error) && error.status === 403) setSession({ state: 'forbidden' });
        else setSession({ state: 'error', error });
      },
    );
    return () => {
      live = false;
    };
  }, [api, attempt]);
  const { pathname, search } = useLocation();
  const route = matchRoute(pathname);
  const me = session.state === 'signed-in' ? session.me : undefined;
  const context = useMemo<StaffContextValue | undefined>(() => me && { api, me, now }, [api, me, now]);

  if (session.state === 'loading' || session.state === 'signing-in') {
    return <Loading label={session.state === 'signing-in' ? '正在前往企业微信登录…' : '正在确认登录…'} />;
  }
  if (session.state === 'sign-in-stuck') {
    return (
      <main className="forbidden">
        <h1>登录没有完成</h1>
        <p>浏览器没有保存登录状态，请确认没有禁用 Cookie 后重试。</p>
        <a className="button button--primary" href={staffSignInHref(pathname + search)}>
          重新登录
        </a>
      </main>
    );
  }
  if (session.state === 'forbidden') return <ForbiddenPage />;
  if (session.state === 'signed-out') {
    // No automatic sign-in here: inside WeCom it would sign the same person straight back in.
    return (
      <main className="forbidden">
        <h1>已退出管理台</h1>
        <a className="button button--primary" href={staffSignInHref(pathname + search)}>
          重新登录
        </a>
      </main>
    );
  }
  if (session.state === 'error' || !context) {
    const error = session.state === 'error' ? session.error : undefined;
    return <ErrorState error={error} title="管理台打不开" onRetry={() => setAttempt((n) => n + 1)} />;
  }
  return (
    <StaffContext.Provider value={context}>
      <header className="topbar">
        <Link className="topbar__brand" href={routeHref({ name: 'lives' })}>
          直播管理台
        </Link>
        <span className="topbar__user">
          {context.me.userId}
          <span className="topbar__role">{context.me.role === 'manager' ? '管理员' : '运营'}</span>
          <button
            type="button"
            className="link-button"
            onClick={() =>
              void api.logout().then(
                () => setSession({ state: 'signed-out' }),
                () => undefined,
              )
            }
          >
            退出
          </button>
        </span>
      </header>
      <Suspense fallback={<Loading />}>
        <Page route={route} search={search} me={context.me} />
      </Suspense>
    </StaffContext.Provider>
  );
}

function Page({ route, search, me }: { route: StaffRoute; search: string; me: StaffMe }) {
  const managerOnly = route.name === 'create' || route.name === 'edit';
  if (managerOnly && !mayManageLives(me.role)) {
    return <ForbiddenPage userId={me.userId} reason="创建和修改直播需要管理员权限，请联系管理员。" />;
  }
  switch (route.name) {
    case 'lives':
      return <LivesPage />;
    case 'create':
      return <CreateLivePage />;
    case 'edit':
      return <EditLivePage livingId={route.livingId} />;
    case 'stats':
      return <StatsPage livingId={route.livingId} />;
    case 'share':
      return <SharePage livingId={route.livingId} from={new URLSearchParams(search).get('from') ?? undefined} />;
    case 'not-found':
      return (
        <main className="page">
          <h1>没有这个页面</h1>
          <Link href={routeHref({ name: 'lives' })}>返回直播列表</Link>
        </main>
      );
  }
}
