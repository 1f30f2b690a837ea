import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import type { ReminderState } from '../../../shared/api';
import { REMINDER_WORDS } from '../../../client/src/reminder/reminder-words';
import type { SubscribeAnswer } from '../../../client/src/reminder/subscribe-answer';
import { useReminder, type ReminderSession } from '../../../client/src/reminder/use-reminder';
import { createServices, ServicesProvider } from '../../../client/src/services';
import { BASE_URL, errorBody, stubBff, type StubResponse } from '../support/bff-stub';

const ID = 'lv_soon';
const T = 'tmpl-mini';
const withToken: ReminderSession = (call) => call('tok-1');

/** A BFF holding this viewer's reminder state; POST answers from `onPost` (default: recorded). */
function bffWith(state: ReminderState | StubResponse, onPost?: () => StubResponse) {
  return stubBff((req) => {
    if (req.path !== `/api/lives/${ID}/reminder`) return { status: 404, body: errorBody('NOT_FOUND') };
    if (req.method === 'GET') return 'status' in state ? state : { status: 200, body: state };
    return onPost?.() ?? { status: 200, body: { templateId: T, subscribed: true } };
  });
}

/** `null`: the page shows a live that is not reserved, so it passes no id. */
function renderReminder(livingId: string | null = ID) {
  const services = createServices({ baseUrl: BASE_URL });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <ServicesProvider value={services}>{children}</ServicesProvider>
  );
  return renderHook(() => useReminder(livingId ?? undefined, withToken), { wrapper });
}

describe('useReminder', () => {
  it('offers the template the BFF names, asking with the viewer’s session', async () => {
    const { requests } = bffWith({ templateId: T, subscribed: false });
    const { result } = renderReminder();
    expect(result.current.phase).toBe('hidden');
    await waitFor(() => expect(result.current.phase).toBe('ready'));
    expect(result.current.templateId).toBe(T);
    expect(requests).toEqual([
      expect.objectContaining({ method: 'GET', headers: expect.objectContaining({ Authorization: 'Bearer tok-1' }) }),
    ]);
  });

  it('says a reminder is already recorded on load', async () => {
    bffWith({ templateId: T, subscribed: true });
    const { result } = renderReminder();
    await waitFor(() => expect(result.current.phase).toBe('subscribed'));
  });

  it.each([
    ['no template for this platform', { templateId: null, subscribed: false }],
    ['no session (H5 before its sign-in)', { status: 401, body: errorBody('SESSION_REQUIRED') }],
    ['a BFF that cannot say', { status: 503, body: errorBody('UPSTREAM_UNAVAILABLE') }],
  ])('offers nothing with %s', async (_, state) => {
    const { requests } = bffWith(state as ReminderState | StubResponse);
    const { result } = renderReminder();
    await waitFor(() => expect(requests).toHaveLength(1));
    await act(async () => undefined);
    expect(result.current.phase).toBe('hidden');
  });

  it('asks nothing for a live that is not reserved', async () => {
    const { requests } = bffWith({ templateId: T, subscribed: false });
    const { result } = renderReminder(null);
    await act(async () => undefined);
    expect(requests).toEqual([]);
    expect(result.current.phase).toBe('hidden');
  });

  it('records an accept with the template and shows the BFF’s state', async () => {
    const { requests } = bffWith({ templateId: T, subscribed: false });
    const { result } = renderReminder();
    await waitFor(() => expect(result.current.phase).toBe('ready'));
    act(() => result.current.answered('accept'));
    expect(result.current.phase).toBe('saving');
    await waitFor(() => expect(result.current.phase).toBe('subscribed'));
    expect(requests[1]).toMatchObject({ method: 'POST', path: `/api/lives/${ID}/reminder`, body: { templateId: T } });
  });

  it.each<[SubscribeAnswer, string, string, string]>([
    ['reject', 'ready', REMINDER_WORDS.rejected, 'muted'],
    ['ban', 'ready', REMINDER_WORDS.banned, 'muted'],
    ['off', 'ready', REMINDER_WORDS.banned, 'muted'],
    ['failed', 'ready', REMINDER_WORDS.promptFailed, 'error'],
    ['filter', 'unavailable', REMINDER_WORDS.unavailable, 'muted'],
  ])('after %s: %s, saying so, and records nothing', async (answer, phase, hint, tone) => {
    const { requests } = bffWith({ templateId: T, subscribed: false });
    const { result } = renderReminder();
    await waitFor(() => expect(result.current.phase).toBe('ready'));
    act(() => result.current.answered(answer));
    expect(result.current).toMatchObject({ phase, hint });
    expect(result.current.hintTone ?? 'muted').toBe(tone);
    await act(async () => undefined);
    expect(requests.filter((r) => r.method === 'POST')).toEqual([]);
  });

  it('says why a record failed and retries it without a new prompt', async () => {
    const post = jest
      .fn<StubResponse, []>()
      .mockReturnValueOnce({ status: 500, body: errorBody('INTERNAL') })
      .mockReturnValueOnce({ status: 200, body: { templateId: T, subscribed: true } });
    const { requests } = bffWith({ templateId: T, subscribed: false }, post);
    const { result } = renderReminder();
    await waitFor(() => expect(result.current.phase).toBe('ready'));
    act(() => result.current.answered('accept'));
    await waitFor(() => expect(result.current.phase).toBe('failed'));
    expect(result.current).toMatchObject({ hint: '提醒没有记下，请重试', hintTone: 'error', templateId: T });

    act(() => result.current.retry());
    await waitFor(() => expect(result.current.phase).toBe('subscribed'));
    expect(requests.filter((r) => r.method === 'POST').map((r) => r.body)).toEqual([
      { templateId: T },
      { templateId: T },
    ]);
  });

  it('words a network failure as one', async () => {
    bffWith({ templateId: T, subscribed: false }, () => {
      throw new Error('offline');
    });
    const { result } = renderReminder();
    await waitFor(() => expect(result.current.phase).toBe('ready'));
    act(() => result.current.answered('accept'));
    await waitFor(() => expect(result.current.hint).toBe('网络不太顺畅，提醒没有记下，请重试'));
  });

  it('takes the button away when the live is no longer reserved (409)', async () => {
    bffWith({ templateId: T, subscribed: false }, () => ({ status: 409, body: errorBody('LIVE_NOT_WATCHABLE') }));
    const { result } = renderReminder();
    await waitFor(() => expect(result.current.phase).toBe('ready'));
    act(() => result.current.answered('accept'));
    await waitFor(() => expect(result.current.phase).toBe('hidden'));
  });

  it('says reminders are not available when the BFF refuses the template (400)', async () => {
    bffWith({ templateId: T, subscribed: false }, () => ({ status: 400, body: errorBody('INVALID_BODY') }));
    const { result } = renderReminder();
    await waitFor(() => expect(result.current.phase).toBe('ready'));
    act(() => result.current.answered('accept'));
    await waitFor(() => expect(result.current.phase).toBe('unavailable'));
    expect(result.current.hint).toBe(REMINDER_WORDS.unavailable);
  });
});
