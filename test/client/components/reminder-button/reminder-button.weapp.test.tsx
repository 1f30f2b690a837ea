import { fireEvent, screen, waitFor } from '@testing-library/react';
import type { ReminderState } from '../../../../shared/api';
import ReminderButton from '../../../../client/src/components/reminder-button/reminder-button.weapp';
import { REMINDER_WORDS } from '../../../../client/src/reminder/reminder-words';
import { errorBody, stubBff, type StubResponse } from '../../support/bff-stub';
import { renderWithServices } from '../../support/render';
import { taroMock, type SubscribePromptAnswer } from '../../stand-ins/taro';

const { taro } = taroMock;
const ID = 'lv_soon';
const T = 'tmpl-mini';

/** A BFF that logs in any wx code and holds this viewer's reminder; `post` answers the record (default: recorded). */
function bff(state: ReminderState, post?: () => StubResponse) {
  return stubBff((req) => {
    if (req.path === '/api/session/weapp') {
      return { status: 200, body: { token: 'tok-1', expiresAt: new Date(Date.now() + 3600_000).toISOString() } };
    }
    if (req.path === `/api/lives/${ID}/reminder` && req.method === 'GET') return { status: 200, body: state };
    if (req.path === `/api/lives/${ID}/reminder`) {
      return post?.() ?? { status: 200, body: { templateId: T, subscribed: true } };
    }
    return { status: 404, body: errorBody('NOT_FOUND') };
  });
}

const posts = (requests: { method: string; path: string }[]) =>
  requests.filter((r) => r.method === 'POST' && r.path.endsWith('/reminder'));

async function shown() {
  renderWithServices(<ReminderButton livingId={ID} />);
  return screen.findByRole('button', { name: REMINDER_WORDS.ask });
}

beforeEach(() => {
  taro.login.mockResolvedValue({ code: 'wx-code', errMsg: 'login:ok' });
});

describe('weapp reminder button', () => {
  it('asks WeChat inside the tap, then records the accept and says so', async () => {
    const { requests } = bff({ templateId: T, subscribed: false });
    const button = await shown();

    fireEvent.click(button);
    // In the tap's own call stack: nothing was awaited between the tap and the prompt.
    expect(taroMock.subscribePrompts).toEqual([[T]]);

    expect(await screen.findByRole('button', { name: REMINDER_WORDS.subscribed })).toBeTruthy();
    expect(posts(requests)).toEqual([
      expect.objectContaining({
        body: { templateId: T },
        headers: expect.objectContaining({ Authorization: 'Bearer tok-1' }),
      }),
    ]);
  });

  it.each<[SubscribePromptAnswer, string]>([
    ['reject', REMINDER_WORDS.rejected],
    ['ban', REMINDER_WORDS.banned],
    ['off', REMINDER_WORDS.banned],
    ['fail', REMINDER_WORDS.promptFailed],
  ])('after %s, says so, records nothing, and may ask again', async (answer, words) => {
    const { requests } = bff({ templateId: T, subscribed: false });
    taroMock.answerSubscribe(answer);
    const button = await shown();

    fireEvent.click(button);
    expect(await screen.findByText(words)).toBeTruthy();
    expect(posts(requests)).toEqual([]);

    // Asking again is harmless: the next tap shows the prompt once more, and an accept then is recorded.
    taroMock.answerSubscribe('accept');
    fireEvent.click(screen.getByRole('button', { name: REMINDER_WORDS.ask }));
    expect(await screen.findByRole('button', { name: REMINDER_WORDS.subscribed })).toBeTruthy();
    expect(taroMock.subscribePrompts).toEqual([[T], [T]]);
  });

  it('tells a plain no from “always reject”: only the latter says how to turn reminders back on', async () => {
    bff({ templateId: T, subscribed: false });
    taroMock.answerSubscribe('reject');
    fireEvent.click(await shown());
    expect(await screen.findByText(REMINDER_WORDS.rejected)).toBeTruthy();
    expect(screen.queryByText(/设置 → 订阅消息/)).toBeNull();

    taroMock.answerSubscribe('ban');
    fireEvent.click(screen.getByRole('button', { name: REMINDER_WORDS.ask }));
    expect(await screen.findByText(/右上角「…」→ 设置 → 订阅消息/)).toBeTruthy();
    expect(screen.queryByText(REMINDER_WORDS.rejected)).toBeNull();
  });

  it('says reminders are not available when WeChat filters the template', async () => {
    const { requests } = bff({ templateId: T, subscribed: false });
    taroMock.answerSubscribe('filter');
    fireEvent.click(await shown());
    expect(await screen.findByText(REMINDER_WORDS.unavailable)).toBeTruthy();
    expect((screen.getByRole('button', { name: REMINDER_WORDS.ask }) as HTMLButtonElement).disabled).toBe(true);
    expect(posts(requests)).toEqual([]);
  });

  it('shows an existing reminder on load, with nothing to tap', async () => {
    bff({ templateId: T, subscribed: true });
    renderWithServices(<ReminderButton livingId={ID} />);
    const button = await screen.findByRole('button', { name: REMINDER_WORDS.subscribed });
    expect((button as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(button);
    expect(taroMock.subscribePrompts).toEqual([]);
  });

  it('shows nothing when the BFF offers no template', async () => {
    const { requests } = bff({ templateId: null, subscribed: false });
    const { container } = renderWithServices(<ReminderButton livingId={ID} />);
    await waitFor(() => expect(requests.some((r) => r.path.endsWith('/reminder'))).toBe(true));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(container.textContent).toBe('');
  });

  it('says why a record failed, and the retry records the kept accept without a new prompt', async () => {
    const post = jest
      .fn<StubResponse, []>()
      .mockReturnValueOnce({ status: 503, body: errorBody('UPSTREAM_UNAVAILABLE') })
      .mockReturnValueOnce({ status: 200, body: { templateId: T, subscribed: true } });
    const { requests } = bff({ templateId: T, subscribed: false }, post);
    fireEvent.click(await shown());
    expect(await screen.findByText('提醒没有记下，请重试')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: REMINDER_WORDS.retry }));
    expect(await screen.findByRole('button', { name: REMINDER_WORDS.subscribed })).toBeTruthy();
    expect(taroMock.subscribePrompts).toEqual([[T]]);
    expect(posts(requests)).toHaveLength(2);
  });
});
