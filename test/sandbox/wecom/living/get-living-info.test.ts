import { SANDBOX_LIVES } from '../../../../sandbox';
import { eachSandboxWithToken, type Harness } from '../../sandbox-harness';

const LIVING_INFO_KEYS = [
  'theme',
  'living_start',
  'living_duration',
  'status',
  'reserve_start',
  'reserve_living_duration',
  'description',
  'anchor_userid',
  'main_department',
  'viewer_num',
  'comment_num',
  'mic_num',
  'open_replay',
  'replay_status',
  'type',
  'push_stream_url',
  'online_count',
  'subscribe_count',
];

describe('living/get_living_info', () => {
  let h: Harness;
  let token: string;
  eachSandboxWithToken((next) => ({ h, token } = next));

  const info = (livingid: string | undefined, method = 'GET') =>
    h.wecom('living/get_living_info', {
      method,
      query: livingid === undefined ? { access_token: token } : { access_token: token, livingid },
      ...(method === 'POST' ? { body: { livingid } } : {}),
    });

  it('answers the live in WeCom’s shape, with `status` spelled without the sample’s trailing space', async () => {
    const answer = await info(SANDBOX_LIVES.living);
    expect(answer.json).toMatchObject({ errcode: 0, errmsg: 'ok' });
    const living = answer.json?.living_info as Record<string, unknown>;
    expect(living).toHaveProperty('status', 1);
    expect(living).not.toHaveProperty(['status ']);
    expect(living).toMatchObject({ type: 4, anchor_userid: 'lifang', open_replay: 1 });
    expect(living.online_count).toBeGreaterThan(0);
    for (const key of Object.keys(living)) expect(LIVING_INFO_KEYS).toContain(key);
    expect(living).toEqual(h.sandbox.lives.get(SANDBOX_LIVES.living));
  });

  it('sends replay_status only when replay is on', async () => {
    const off = (await info(SANDBOX_LIVES.endedNoReplay)).json?.living_info as Record<string, unknown>;
    expect(off.open_replay).toBe(0);
    expect(off).not.toHaveProperty('replay_status');
    const ready = (await info(SANDBOX_LIVES.endedReplayReady)).json?.living_info as Record<string, unknown>;
    expect(ready).toMatchObject({ status: 2, open_replay: 1, replay_status: 0 });
  });

  it('sends push_stream_url only for an event live that is still reserved', async () => {
    const reserved = (await info(SANDBOX_LIVES.reservedTomorrow)).json?.living_info as Record<string, unknown>;
    expect(reserved).toMatchObject({ type: 4, status: 0, push_stream_url: expect.stringMatching(/^rtmp:\/\//) });
    const living = (await info(SANDBOX_LIVES.living)).json?.living_info as Record<string, unknown>;
    expect(living).not.toHaveProperty('push_stream_url');
    const general = (await info(SANDBOX_LIVES.reservedSoon)).json?.living_info as Record<string, unknown>;
    expect(general).not.toHaveProperty('push_stream_url');
  });

  it('answers 40058 for an unknown or missing livingid', async () => {
    expect((await info('lvOQpQDgAAdoesNotExist000000000')).json?.errcode).toBe(40058);
    expect((await info(undefined)).json?.errcode).toBe(40058);
    expect((await info('')).json?.errcode).toBe(40058);
  });

  it('answers 43001 "require GET method" to a POST', async () => {
    const answer = await info(SANDBOX_LIVES.living, 'POST');
    expect(answer.json?.errcode).toBe(43001);
    expect(answer.json?.errmsg).toMatch(/^require GET method, hint: /);
  });

  it('finds a live whose id needs URL-encoding once it is encoded', async () => {
    h.sandbox.lives.upsert('lv+odd/id=', { theme: '编码测试' });
    const answer = await info('lv+odd/id=');
    expect((answer.json?.living_info as Record<string, unknown>).theme).toBe('编码测试');
    const raw = await h.request(`/cgi-bin/living/get_living_info?access_token=${token}&livingid=lv+odd/id=`);
    expect(raw.json?.errcode).toBe(40058);
  });
});
