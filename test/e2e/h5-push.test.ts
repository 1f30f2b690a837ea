/**
 * Live status pushed, end to end: headless Chromium on the built H5 app, the BFF with push on, the sandbox playing
 * WeCom's side of the `living_status_change` callback (encrypted, signed, POSTed to the BFF). A status change in the
 * sandbox must show on the open page within 2 s, with no reload and no poll of the card in between.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, newPhoneContext, startBffStack, takeCspViolations, type BffStack } from './support';

jest.setTimeout(30_000);

/** The promise: on every subscribed screen within 2 s of WeCom's POST being answered. */
const PUSHED_WITHIN_MS = 2000;

let stack: BffStack;
let browser: Browser;
let contexts: BrowserContext[] = [];

beforeAll(async () => {
  stack = await startBffStack({ push: true });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});
afterEach(async () => {
  const violations = await takeCspViolations();
  await Promise.all(contexts.map((c) => c.close()));
  contexts = [];
  expect(violations).toEqual([]);
});

async function openPhone(): Promise<Page> {
  const context = await newPhoneContext(browser, 'browser');
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  return page;
}

/** Card requests the page makes for `id` (polls), counted from now. */
function countCardRequests(page: Page, id: string) {
  const seen: string[] = [];
  page.on('request', (req) => {
    if (new URL(req.url()).pathname === `/api/lives/${id}`) seen.push(req.url());
  });
  return seen;
}

async function openLive(id: string, live: Record<string, unknown>) {
  stack.sandbox.lives.upsert(id, live as never);
  const page = await openPhone();
  // The page's one socket, and the live's current card on it: from then on a change is pushed.
  const frames: string[] = [];
  const sockets: string[] = [];
  page.on('websocket', (ws) => {
    sockets.push(ws.url());
    ws.on('framereceived', (frame) => frames.push(String(frame.payload)));
  });
  await page.goto(`${stack.baseUrl}/pages/live/index?id=${id}`);
  await page.locator('.live-page .live-card:not(.skeleton)').waitFor();
  for (const deadline = Date.now() + 5000; !frames.some((f) => f.includes(id));) {
    if (Date.now() > deadline) throw new Error(`no card frame on the socket (${sockets.join(', ') || 'no socket'})`);
    await page.waitForTimeout(50);
  }
  expect(sockets.filter((url) => url.endsWith('/api/events'))).toHaveLength(1);
  return page;
}

describe('H5 with push on', () => {
  it('turns "starts in …" into live now within 2 s of the status change, without a reload or a poll', async () => {
    const id = 'lvE2ePushGoesLive000001';
    const page = await openLive(id, {
      theme: '端到端：推送开播',
      description: '三分钟后开播，开播时由企业微信回调推送。',
      anchor_userid: 'e2e-anchor',
      status: 0,
      reserve_start: Math.floor(Date.now() / 1000) + 180,
    });
    await page.locator('.live-page .live-badge--reserved').waitFor();
    expect(await page.locator('.live-card__countdown').count()).toBe(1);
    const polls = countCardRequests(page, id);
    const navigations: string[] = [];
    page.on('framenavigated', (frame) => frame === page.mainFrame() && navigations.push(frame.url()));

    stack.sandbox.lives.setStatus(id, 1);
    const changed = Date.now();
    await page.locator('.live-page .live-badge--living').waitFor({ timeout: PUSHED_WITHIN_MS + 1000 });
    expect(Date.now() - changed).toBeLessThan(PUSHED_WITHIN_MS);
    expect(await page.locator('.live-card__countdown').count()).toBe(0);
    expect(polls).toEqual([]);
    expect(navigations).toEqual([]);
    const delivered = stack.sandbox.callbacks.deliveries().filter((d) => d.livingId === id);
    expect(delivered.map((d) => d.httpStatus)).toEqual([200]);
  });

  it('offers the replay of a live that ends while its page is open', async () => {
    const id = 'lvE2ePushEndsReplay0001';
    const page = await openLive(id, {
      theme: '端到端：推送结束',
      description: '直播中，结束后有回放。',
      anchor_userid: 'e2e-anchor',
      status: 1,
      living_start: Math.floor(Date.now() / 1000) - 600,
      open_replay: 1,
      replay_status: 0,
    });
    await page.locator('.live-page .live-badge--living').waitFor();
    stack.sandbox.lives.setStatus(id, 2);
    await page.locator('.live-page .live-badge--ended').waitFor({ timeout: PUSHED_WITHIN_MS + 1000 });
    await page
      .locator('.live-page')
      .getByText('观看回放')
      .first()
      .waitFor({ timeout: PUSHED_WITHIN_MS + 1000 });
  });
});
