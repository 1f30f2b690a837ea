/**
 * Our funnel end to end: a tagged marketing link (`/live/ID?from=TAG`) opened in headless Chromium against the BFF
 * serving the built app, counted under its tag as staff read it. In WeChat the tag survives the short link's
 * redirect and the silent sign-in's round trip, and the two loads of the page are one viewer.
 */
import type { Page } from 'playwright-core';
import type { StaffFunnel } from '../../shared/staff-api';
import { SANDBOX_LIVES, SANDBOX_STAFF_MEMBER } from '../../sandbox';
import { viewerSuite, wechatStandIn, type FireOpenTagEvent, type PhoneEnv } from './support';

jest.setTimeout(30_000);

const suite = viewerSuite();

async function openPhone(env: PhoneEnv, wechatUser?: string): Promise<Page> {
  const page = await suite.page(env, async (context) => {
    if (env !== 'wechat') return;
    await context.addInitScript(wechatStandIn());
    await context.addCookies([{ name: 'sandbox_wx_user', value: wechatUser!, domain: '127.0.0.1', path: '/' }]);
  });
  page.setDefaultTimeout(10_000);
  return page;
}

/** The staff funnel of a live, read as a staff member signed in through the sandbox's WeCom. */
async function staffFunnel(livingId: string): Promise<StaffFunnel> {
  const start = await fetch(`${suite.stack.baseUrl}/api/staff/session?returnTo=%2F`, { redirect: 'manual' });
  const browserCookie = start.headers.getSetCookie()[0]!.split(';')[0]!;
  const state = new URL(start.headers.get('location')!).searchParams.get('state')!;
  const code = suite.stack.sandbox.members.codeFor(SANDBOX_STAFF_MEMBER);
  const callback = await fetch(`${suite.stack.baseUrl}/api/staff/session/callback?code=${code}&state=${state}`, {
    redirect: 'manual',
    headers: { cookie: browserCookie },
  });
  const staff = callback.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('wlv_staff='))!;
  const res = await fetch(`${suite.stack.baseUrl}/api/staff/lives/${livingId}/funnel`, { headers: { cookie: staff } });
  expect(res.status).toBe(200);
  return (await res.json()) as StaffFunnel;
}

/** The funnel's row for `from` once it reads `expected` (beacons are fire-and-forget), or what it read last. */
async function rowOnceItReads(livingId: string, from: string, expected: object) {
  let row: unknown;
  for (const deadline = Date.now() + 5000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
    row = (await staffFunnel(livingId)).byTag.find((r) => r.from === from);
    if (JSON.stringify(row) === JSON.stringify({ from, ...expected })) break;
  }
  return row;
}

describe('our funnel in a browser', () => {
  it('counts a tagged link visited in a phone browser under its tag', async () => {
    const live = SANDBOX_LIVES.endedReplayReady;
    const page = await openPhone('browser');
    const urlLink = page.waitForRequest((req) => new URL(req.url()).pathname.endsWith('/url-link'));
    await page.goto(`${suite.stack.baseUrl}/live/${live}?from=phone-e2e`);
    await page.locator('.live-page .live-card:not(.skeleton)').waitFor();
    expect(new URL(page.url()).searchParams.get('from')).toBe('phone-e2e');
    // The way on into WeChat (the URL Link of our mini program's page; the copied link) keeps the tag.
    expect(new URL((await urlLink).url()).search).toBe('?replay=1&from=phone-e2e');
    expect(await rowOnceItReads(live, 'phone-e2e', { views: 1, taps: 0, opens: 0 })).toEqual({
      from: 'phone-e2e',
      views: 1,
      taps: 0,
      opens: 0,
    });
  });

  it('in WeChat, keeps the tag through the silent sign-in: one view, the tap that got a code, the open', async () => {
    const live = SANDBOX_LIVES.living;
    const page = await openPhone('wechat', 'e2eFunnelViewer');
    const documents: string[] = [];
    page.on('request', (r) => {
      if (r.isNavigationRequest() && r.frame() === page.mainFrame()) documents.push(new URL(r.url()).pathname);
    });
    // `commit`: the page leaves for the sign-in by itself.
    await page.goto(`${suite.stack.baseUrl}/live/${live}?from=wechat-e2e`, { waitUntil: 'commit' });
    await page.locator('wx-open-launch-weapp').waitFor({ state: 'attached' });
    expect(documents).toEqual([
      `/live/${live}`,
      '/pages/live/index',
      '/api/session/h5',
      '/connect/oauth2/authorize',
      '/api/session/h5/callback',
      '/pages/live/index',
    ]);
    expect(new URL(page.url()).searchParams.get('from')).toBe('wechat-e2e');
    await page.evaluate(() =>
      (window as unknown as { __fireOpenTagEvent: FireOpenTagEvent }).__fireOpenTagEvent('launch', {}),
    );
    expect(await rowOnceItReads(live, 'wechat-e2e', { views: 1, taps: 1, opens: 1 })).toEqual({
      from: 'wechat-e2e',
      views: 1,
      taps: 1,
      opens: 1,
    });
  });
});
