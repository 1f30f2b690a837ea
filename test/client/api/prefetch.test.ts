import { createBffApi } from '../../../client/src/api/bff-api';
import { createHttpClient, type RequestFn } from '../../../client/src/api/http';
import { PREFETCH_FRESH_MS, withPrefetch } from '../../../client/src/api/prefetch';
import { aLive } from '../support/fixtures';

type Answer = Awaited<ReturnType<RequestFn>>;

/** A BFF answering from `answers` in turn (the last one repeats), recording every URL asked. */
function bffAnswering(...answers: Array<Answer | Error>) {
  const urls: string[] = [];
  const request: RequestFn = ({ url }) => {
    const answer = answers[Math.min(urls.length, answers.length - 1)]!;
    urls.push(url);
    return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
  };
  let clock = 1_000_000;
  const api = withPrefetch(createBffApi(createHttpClient({ baseUrl: 'https://bff.test', request })), () => clock);
  return {
    api,
    urls,
    advance: (ms: number) => {
      clock += ms;
    },
  };
}

const list = (...themes: string[]): Answer => ({
  statusCode: 200,
  header: {},
  data: { lives: themes.map((theme, i) => aLive({ livingId: `lv_${i}`, theme })) },
});
const card = (theme: string): Answer => ({ statusCode: 200, header: { ETag: `W/"${theme}"` }, data: aLive({ theme }) });

describe('withPrefetch', () => {
  it('answers the page’s first listLives() with the early request, without asking again', async () => {
    const { api, urls } = bffAnswering(list('early'), list('later'));
    api.prefetch({ kind: 'lives' });
    const lives = await api.listLives();
    expect(lives.map((l) => l.theme)).toEqual(['early']);
    expect(urls).toEqual(['https://bff.test/api/lives']);
  });

  it('serves the early answer once: the next call (a pull-down refresh, say) asks the BFF', async () => {
    const { api, urls } = bffAnswering(list('early'), list('later'));
    api.prefetch({ kind: 'lives' });
    await api.listLives();
    expect((await api.listLives()).map((l) => l.theme)).toEqual(['later']);
    expect(urls).toHaveLength(2);
  });

  it('answers getLive(id) for the same id, but not a conditional poll or another id', async () => {
    const { api, urls } = bffAnswering(card('early'), card('second'), card('third'));
    api.prefetch({ kind: 'live', livingId: 'lv_1', replay: false });
    await expect(api.getLive('lv_2')).resolves.toMatchObject({ changed: true, live: { theme: 'second' } });
    // The early answer for lv_1 is still there for lv_1 (asking for lv_2 did not use it up)…
    await expect(api.getLive('lv_1')).resolves.toMatchObject({ changed: true, live: { theme: 'early' } });
    // …and a poll with an ETag always asks.
    await expect(api.getLive('lv_1', 'W/"early"')).resolves.toMatchObject({ live: { theme: 'third' } });
    expect(urls).toEqual([
      'https://bff.test/api/lives/lv_1',
      'https://bff.test/api/lives/lv_2',
      'https://bff.test/api/lives/lv_1',
    ]);
  });

  it(`asks again when the early answer is ${PREFETCH_FRESH_MS} ms old`, async () => {
    const { api, urls, advance } = bffAnswering(list('early'), list('later'));
    api.prefetch({ kind: 'lives' });
    advance(PREFETCH_FRESH_MS);
    expect((await api.listLives()).map((l) => l.theme)).toEqual(['later']);
    expect(urls).toHaveLength(2);
  });

  it('asks again when the early request failed, and reports only its own outcome', async () => {
    const { api, urls } = bffAnswering(new Error('connection reset'), list('retried'));
    api.prefetch({ kind: 'lives' });
    expect((await api.listLives()).map((l) => l.theme)).toEqual(['retried']);
    expect(urls).toHaveLength(2);
  });

  it('an early request nobody takes, failed or not, leaves no unhandled rejection and no effect', async () => {
    const unhandled = jest.fn();
    process.on('unhandledRejection', unhandled);
    try {
      const { api, urls } = bffAnswering(new Error('offline'));
      api.prefetch({ kind: 'live', livingId: 'lv_1', replay: false });
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(unhandled).not.toHaveBeenCalled();
      expect(urls).toHaveLength(1);
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });

  it('keeps the other endpoints as they are', async () => {
    const { api, urls } = bffAnswering({ statusCode: 200, header: {}, data: { token: 't', expiresAt: 'x' } });
    await expect(api.createWeappSession('code-1')).resolves.toEqual({ token: 't', expiresAt: 'x' });
    expect(urls).toEqual(['https://bff.test/api/session/weapp']);
  });
});
