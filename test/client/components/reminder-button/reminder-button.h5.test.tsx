import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import type { ReminderState } from '../../../../shared/api';
import ReminderButton from '../../../../client/src/components/reminder-button/reminder-button.h5';
import { unavailableH5Launcher, type H5Launcher } from '../../../../client/src/launch/h5-launcher';
import { WechatSdkError } from '../../../../client/src/launch/wechat-sdk';
import { REMINDER_WORDS } from '../../../../client/src/reminder/reminder-words';
import { errorBody, stubBff, type StubResponse } from '../../support/bff-stub';
import { renderWithServices } from '../../support/render';

const UA = {
  wechat:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.50(0x1800322c) NetType/WIFI Language/zh_CN',
  wxwork:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 wxwork/4.1.20 MicroMessenger/7.0.1 Language/zh',
  phoneBrowser:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1',
};
const ID = 'lv_soon';
const T = 'tmpl-service-account';

function withUserAgent(ua: string) {
  jest.spyOn(window.navigator, 'userAgent', 'get').mockReturnValue(ua);
}

function bff(state: ReminderState, post?: () => StubResponse) {
  return stubBff((req) => {
    if (req.path === `/api/lives/${ID}/reminder` && req.method === 'GET') return { status: 200, body: state };
    if (req.path === `/api/lives/${ID}/reminder`) {
      return post?.() ?? { status: 200, body: { templateId: T, subscribed: true } };
    }
    return { status: 404, body: errorBody('NOT_FOUND') };
  });
}

const launcher = (sdkReady: () => Promise<void> = () => Promise.resolve()): H5Launcher => ({
  ...unavailableH5Launcher,
  sdkReady: jest.fn(sdkReady),
});

/** Renders and lets the WeChat variant's chunk load (a lazy import that settles within `act`). */
async function renderButton(h5Launcher = launcher()) {
  let result!: ReturnType<typeof renderWithServices>;
  await act(async () => {
    result = renderWithServices(<ReminderButton livingId={ID} />, { h5Launcher });
  });
  return result;
}

const tag = () => document.querySelector('wx-open-subscribe') as HTMLElement | null;
/** WeChat's tag answers the viewer's tap on it. */
const fire = (type: 'success' | 'error', detail: unknown) =>
  act(() => void tag()!.dispatchEvent(new CustomEvent(type, { detail })));
const accepted = (status = 'accept') => ({
  errMsg: 'subscribe:ok',
  subscribeDetails: JSON.stringify({ [T]: JSON.stringify({ status }) }),
});
const posts = (requests: { method: string }[]) => requests.filter((r) => r.method === 'POST');

afterEach(() => jest.restoreAllMocks());

describe('H5 reminder button', () => {
  it.each([
    ['a phone browser', UA.phoneBrowser],
    ['WeCom’s browser', UA.wxwork],
  ])('is not shown in %s, and asks nothing', async (_, ua) => {
    withUserAgent(ua);
    const { requests } = bff({ templateId: T, subscribed: false });
    const { container } = await renderButton();
    expect(container.textContent).toBe('');
    expect(requests).toEqual([]);
  });

  it('in WeChat lays the open tag with the BFF’s template over the button; its accept is recorded', async () => {
    withUserAgent(UA.wechat);
    const { requests } = bff({ templateId: T, subscribed: false });
    await renderButton();
    const button = await screen.findByRole('button', { name: REMINDER_WORDS.ask });
    await waitFor(() => expect(tag()).not.toBeNull());
    expect(tag()!.getAttribute('template')).toBe(T);
    // Inside the button's own box, so the viewer's tap lands on WeChat's tag.
    expect(button.parentElement!.contains(tag())).toBe(true);
    // The session is the cookie: no bearer.
    expect(requests[0]?.headers.Authorization).toBeUndefined();

    await fire('success', accepted());
    expect(await screen.findByRole('button', { name: REMINDER_WORDS.subscribed })).toBeTruthy();
    expect(posts(requests)).toEqual([expect.objectContaining({ body: { templateId: T } })]);
    expect(tag()).toBeNull();
  });

  it.each([
    ['a no (reject)', 'success', accepted('reject'), REMINDER_WORDS.rejected],
    ['a closed prompt (cancel)', 'success', accepted('cancel'), REMINDER_WORDS.rejected],
    [
      'subscribe messages switched off (20004)',
      'error',
      { errCode: 20004, errMsg: 'subscribe:fail' },
      REMINDER_WORDS.banned,
    ],
    ['a filtered template', 'success', accepted('filter'), REMINDER_WORDS.unavailable],
    ['an empty success detail', 'success', {}, REMINDER_WORDS.promptFailed],
  ] as const)('after %s, says so and records nothing', async (_, type, detail, words) => {
    withUserAgent(UA.wechat);
    const { requests } = bff({ templateId: T, subscribed: false });
    await renderButton();
    await waitFor(() => expect(tag()).not.toBeNull());
    await fire(type, detail);
    expect(await screen.findByText(words)).toBeTruthy();
    expect(posts(requests)).toEqual([]);
  });

  it('waits for the JS-SDK before laying the tag, and shows nothing when WeChat refuses it', async () => {
    withUserAgent(UA.wechat);
    bff({ templateId: T, subscribed: false });
    let refuse!: (error: unknown) => void;
    const { container } = await renderButton(launcher(() => new Promise((_, reject) => (refuse = reject))));
    await screen.findByRole('button', { name: REMINDER_WORDS.ask });
    expect(tag()).toBeNull();
    await act(async () => refuse(new WechatSdkError('config:invalid signature')));
    expect(container.textContent).toBe('');
  });

  it('shows an existing reminder on load without a tag', async () => {
    withUserAgent(UA.wechat);
    bff({ templateId: T, subscribed: true });
    await renderButton();
    expect(await screen.findByRole('button', { name: REMINDER_WORDS.subscribed })).toBeTruthy();
    expect(tag()).toBeNull();
  });

  it('retries a failed record with a plain tap (the accept is kept)', async () => {
    withUserAgent(UA.wechat);
    const post = jest
      .fn<StubResponse, []>()
      .mockReturnValueOnce({ status: 0, body: undefined })
      .mockReturnValueOnce({ status: 200, body: { templateId: T, subscribed: true } });
    const { requests } = bff({ templateId: T, subscribed: false }, post);
    await renderButton();
    await waitFor(() => expect(tag()).not.toBeNull());
    await fire('success', accepted());
    expect(await screen.findByText('提醒没有记下，请重试')).toBeTruthy();
    expect(tag()).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: REMINDER_WORDS.retry }));
    expect(await screen.findByRole('button', { name: REMINDER_WORDS.subscribed })).toBeTruthy();
    expect(posts(requests)).toHaveLength(2);
  });
});
