import { decryptCallbackMessage, randomCallbackSecrets, SANDBOX_LIVES, type CallbackTarget } from '../../../../sandbox';
import type { LiveStore } from '../../../../sandbox/wecom/living/live-store';
import { defaultLivingInfo } from '../../../../sandbox/wecom/living/living-info';
import { DAILY_CREATE_LIMIT, LIVING_ERRCODES } from '../../../../sandbox/wecom/living/manage-lives';
import { startReceiver, type Receiver } from '../../callbacks/callback-receiver';
import { eachSandboxWithToken, type Harness } from '../../sandbox-harness';

const HOUR = 3600;

describe('managing lives (living/create, modify, cancel, delete_replay_data)', () => {
  let h: Harness;
  let token: string;
  const restart = eachSandboxWithToken((next) => ({ h, token } = next));

  const nowSeconds = () => Math.floor(h.clock.now() / 1000);
  const call = (api: string, body: unknown) => h.wecom(api, { method: 'POST', query: { access_token: token }, body });
  const reservation = (extra: Record<string, unknown> = {}) => ({
    anchor_userid: 'lifang',
    theme: '新品发布会预告',
    living_start: nowSeconds() + 2 * HOUR,
    living_duration: HOUR,
    ...extra,
  });
  const create = async (extra: Record<string, unknown> = {}) => {
    const answer = await call('living/create', reservation(extra));
    expect(answer.json).toMatchObject({ errcode: 0, errmsg: 'ok' });
    return answer.json?.livingid as string;
  };
  const errcodeOf = async (api: string, body: unknown) => (await call(api, body)).json?.errcode;

  describe('living/create', () => {
    it('creates a reserved live that get_living_info and the anchor’s list show at once', async () => {
      const start = nowSeconds() + 2 * HOUR;
      const livingId = await create({
        living_start: start,
        type: 3,
        description: '面向全体销售的培训',
        remind_time: 600,
        agentid: 1000002,
      });
      expect(livingId).toMatch(/^lvOQpQDgAA[A-Za-z0-9_-]{22}$/);
      const info = await h.wecom('living/get_living_info', { query: { access_token: token, livingid: livingId } });
      expect(info.json?.living_info).toMatchObject({
        theme: '新品发布会预告',
        status: 0,
        living_start: start,
        reserve_start: start,
        reserve_living_duration: HOUR,
        living_duration: 0,
        description: '面向全体销售的培训',
        anchor_userid: 'lifang',
        main_department: 3,
        type: 3,
        viewer_num: 0,
      });
      const list = await call('living/get_user_all_livingid', { userid: 'lifang', cursor: '', limit: 100 });
      expect(list.json?.livingid_list).toContain(livingId);
      expect(h.sandbox.lives.createdByApp(livingId)).toBe(true);
      expect(h.sandbox.lives.createdByApp(SANDBOX_LIVES.reservedSoon)).toBe(false);
    });

    it('accepts a theme of 20 Chinese characters and a description of 100', async () => {
      await create({ theme: '一'.repeat(20), description: '二'.repeat(100) });
    });

    it.each([
      ['a theme of 21 characters', { theme: '一'.repeat(21) }],
      ['an empty theme', { theme: '  ' }],
      ['a start now', { living_start: 'NOW' }],
      ['a start in the past', { living_start: 'PAST' }],
      ['a start as text', { living_start: '1700000000' }],
      ['a duration of 0', { living_duration: 0 }],
      ['a fractional duration', { living_duration: 1.5 }],
      ['type 5', { type: 5 }],
      ['type -1', { type: -1 }],
      ['a description of 101 characters', { description: 'x'.repeat(101) }],
      ['a negative remind_time', { remind_time: -60 }],
      ['no theme', { theme: undefined }],
      ['no living_start', { living_start: undefined }],
      ['no living_duration', { living_duration: undefined }],
      ['no anchor', { anchor_userid: undefined }],
    ])('refuses %s with 40058 and creates nothing', async (_name, extra) => {
      const before = h.sandbox.lives.list().length;
      const fields: Record<string, unknown> = { ...extra };
      if (fields.living_start === 'NOW') fields.living_start = nowSeconds();
      if (fields.living_start === 'PAST') fields.living_start = nowSeconds() - 60;
      expect(await errcodeOf('living/create', reservation(fields))).toBe(40058);
      expect(h.sandbox.lives.list()).toHaveLength(before);
    });

    it('refuses an anchor who is not a member with 60111', async () => {
      expect(await errcodeOf('living/create', reservation({ anchor_userid: 'stranger' }))).toBe(
        LIVING_ERRCODES.unknownUser,
      );
      expect(await errcodeOf('living/create', reservation({ anchor_userid: 'toString' }))).toBe(60111);
    });

    it('checks method, token and body as every WeCom call does', async () => {
      const get = await h.wecom('living/create', { query: { access_token: token } });
      expect(get.json?.errcode).toBe(43002);
      const anonymous = await h.wecom('living/create', { method: 'POST', body: reservation() });
      expect(anonymous.json?.errcode).toBe(41001);
      const forged = await h.wecom('living/create', { method: 'POST', query: { access_token: 'x' }, body: {} });
      expect(forged.json?.errcode).toBe(40014);
      const notJson = await h.wecom('living/create', { query: { access_token: token }, rawBody: 'theme=x' });
      expect(notJson.json?.errcode).toBe(47001);
      expect(notJson.json?.errmsg).toMatch(/hint: \[.+\], from ip: .+, more info at .+e=47001$/);
    });

    it('holds each API to its own minute limit', async () => {
      await restart({ rateLimitPerMinute: 2 });
      const id = await create();
      await create();
      expect(await errcodeOf('living/create', reservation())).toBe(45009);
      expect(await errcodeOf('living/modify', { livingid: id, theme: '改个名字' })).toBe(0);
      h.clock.advance(60_000);
      await create();
    });

    it('creates at most 10,000 lives a day per app (a day in China)', async () => {
      // Made straight in the store: 10,000 HTTP calls would only make the test slow.
      const lives = h.sandbox.lives as LiveStore;
      for (let i = 0; i < DAILY_CREATE_LIMIT - 1; i++)
        lives.create(`made${i}`, defaultLivingInfo(h.clock.now(), 'lifang'));
      await create();
      expect(await errcodeOf('living/create', reservation())).toBe(LIVING_ERRCODES.dailyLimit);
      // The clock is 10:00 in China: fourteen hours later is the next day there.
      h.clock.advance(14 * HOUR * 1000);
      token = await h.token();
      await create({ living_start: nowSeconds() + HOUR });
    });
  });

  describe('living/modify', () => {
    it('changes a reserved live this app created', async () => {
      const livingId = await create();
      const start = nowSeconds() + 5 * HOUR;
      const answer = await call('living/modify', {
        livingid: livingId,
        theme: 'Launch preview: spring 2025 line',
        living_start: start,
        living_duration: 2 * HOUR,
        type: 4,
        description: '改期',
        remind_time: 300,
      });
      expect(answer.json).toEqual({ errcode: 0, errmsg: 'ok' });
      expect(h.sandbox.lives.get(livingId)).toMatchObject({
        theme: 'Launch preview: spring 2025 line',
        living_start: start,
        reserve_start: start,
        reserve_living_duration: 2 * HOUR,
        type: 4,
        description: '改期',
        status: 0,
      });
    });

    it('holds the theme to 60 bytes, as its page says (create counts characters)', async () => {
      const livingId = await create();
      expect(await errcodeOf('living/modify', { livingid: livingId, theme: 'x'.repeat(60) })).toBe(0);
      expect(await errcodeOf('living/modify', { livingid: livingId, theme: '一'.repeat(21) })).toBe(40058);
      expect(await errcodeOf('living/create', reservation({ theme: 'x'.repeat(21) }))).toBe(40058);
    });

    it('refuses a live that has started, and one it did not create, and an unknown id', async () => {
      const livingId = await create();
      h.sandbox.lives.setStatus(livingId, 1);
      expect(await errcodeOf('living/modify', { livingid: livingId, theme: '太晚了' })).toBe(
        LIVING_ERRCODES.startedOrCancelled,
      );
      expect(await errcodeOf('living/modify', { livingid: SANDBOX_LIVES.reservedSoon, theme: '别人的' })).toBe(
        LIVING_ERRCODES.notThisApp,
      );
      expect(await errcodeOf('living/modify', { livingid: 'lvNoSuchLive', theme: 'x' })).toBe(40058);
      expect(await errcodeOf('living/modify', { theme: 'x' })).toBe(40058);
    });

    it('refuses a start in the past', async () => {
      const livingId = await create();
      expect(await errcodeOf('living/modify', { livingid: livingId, living_start: nowSeconds() - 1 })).toBe(40058);
    });
  });

  describe('living/cancel', () => {
    let receiver: Receiver;
    let target: CallbackTarget;
    beforeEach(async () => {
      receiver = await startReceiver();
      target = { url: receiver.url, ...randomCallbackSecrets() };
      h.sandbox.callbacks.configure(target);
    });
    afterEach(() => receiver.close());

    it('cancels a reserved live (status 4) and WeCom tells the app with living_status_change', async () => {
      const livingId = await create();
      expect((await call('living/cancel', { livingid: livingId })).json).toEqual({ errcode: 0, errmsg: 'ok' });
      expect(h.sandbox.lives.get(livingId)?.status).toBe(4);
      await h.sandbox.callbacks.idle();
      expect(receiver.received).toHaveLength(1);
      const encrypt = /<Encrypt><!\[CDATA\[([^\]]+)\]\]>/.exec(receiver.received[0]?.body ?? '')?.[1] ?? '';
      const { message } = decryptCallbackMessage(target.aesKey, encrypt);
      expect(message).toContain(`<LivingId><![CDATA[${livingId}]]></LivingId>`);
      expect(message).toContain('<Status>4</Status>');
      expect(message).toContain('<FromUserName><![CDATA[lifang]]></FromUserName>');
    });

    it('creating and modifying send no callback', async () => {
      const livingId = await create();
      await call('living/modify', { livingid: livingId, theme: '新标题' });
      await h.sandbox.callbacks.idle();
      expect(receiver.received).toHaveLength(0);
    });

    it('refuses a second cancel, a live that started, and a live it did not create', async () => {
      const livingId = await create();
      await call('living/cancel', { livingid: livingId });
      expect(await errcodeOf('living/cancel', { livingid: livingId })).toBe(92006);
      const started = await create();
      h.sandbox.lives.setStatus(started, 1);
      expect(await errcodeOf('living/cancel', { livingid: started })).toBe(92006);
      expect(h.sandbox.lives.get(started)?.status).toBe(1);
      expect(await errcodeOf('living/cancel', { livingid: SANDBOX_LIVES.reservedTomorrow })).toBe(92008);
      expect(h.sandbox.lives.get(SANDBOX_LIVES.reservedTomorrow)?.status).toBe(0);
    });
  });

  describe('living/delete_replay_data', () => {
    it('deletes the ready replay of an ended live this app created, once', async () => {
      const livingId = await create();
      h.sandbox.lives.setStatus(livingId, 1);
      h.sandbox.lives.setStatus(livingId, 2, { open_replay: 1, replay_status: 0 });
      expect((await call('living/delete_replay_data', { livingid: livingId })).json).toEqual({
        errcode: 0,
        errmsg: 'ok',
      });
      expect(h.sandbox.lives.get(livingId)).toMatchObject({ status: 2, open_replay: 1, replay_status: 2 });
      expect(await errcodeOf('living/delete_replay_data', { livingid: livingId })).toBe(
        LIVING_ERRCODES.replayNotDeletable,
      );
    });

    it.each([
      ['still reserved', () => undefined],
      ['replay off', (id: string) => h.sandbox.lives.setStatus(id, 2, { open_replay: 0 })],
      [
        'replay still generating',
        (id: string) => h.sandbox.lives.setStatus(id, 2, { open_replay: 1, replay_status: 1 }),
      ],
    ])('refuses with 92007 when there is no replay: %s', async (_name, arrange) => {
      const livingId = await create();
      arrange(livingId);
      expect(await errcodeOf('living/delete_replay_data', { livingid: livingId })).toBe(92007);
    });

    it('refuses the replay of a live it did not create', async () => {
      expect(await errcodeOf('living/delete_replay_data', { livingid: SANDBOX_LIVES.endedReplayReady })).toBe(92008);
      expect(h.sandbox.lives.get(SANDBOX_LIVES.endedReplayReady)?.replay_status).toBe(0);
    });
  });

  it('records each call with its body in the call log', async () => {
    const livingId = await create();
    await call('living/cancel', { livingid: livingId });
    expect(h.sandbox.callsTo('living/create')[0]).toMatchObject({
      method: 'POST',
      path: '/cgi-bin/living/create',
      body: { anchor_userid: 'lifang', theme: '新品发布会预告' },
      errcode: 0,
    });
    expect(h.sandbox.callsTo('living/cancel')[0]).toMatchObject({ body: { livingid: livingId }, errcode: 0 });
  });

  it('reset forgets which lives this app created', async () => {
    const livingId = await create();
    h.sandbox.reset();
    expect(h.sandbox.lives.get(livingId)).toBeUndefined();
    expect(h.sandbox.lives.createdByApp(livingId)).toBe(false);
  });
});
