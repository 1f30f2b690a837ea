import { SANDBOX_REMINDER_TEMPLATES } from '../../../sandbox';
import { startSandbox, type Harness } from '../sandbox-harness';

const MINI = SANDBOX_REMINDER_TEMPLATES.mini.id;
const MP = SANDBOX_REMINDER_TEMPLATES.mp.id;
const GOOD = {
  thing1: { value: '新品发布会' },
  time2: { value: '2026年12月4日 14:00' },
  thing3: { value: '点击进入' },
};

describe('cgi-bin/message/subscribe/send and bizsend', () => {
  let h: Harness;
  let miniToken: string;
  let mpToken: string;
  beforeEach(async () => {
    h = await startSandbox();
    const { miniAppId, miniSecret } = h.sandbox.credentials;
    miniToken = String((await h.stableToken({ appid: miniAppId, secret: miniSecret })).json?.access_token);
    mpToken = await h.mpToken();
  });
  afterEach(() => h.close());

  async function send(api: 'send' | 'bizsend', body: unknown, token = api === 'send' ? miniToken : mpToken) {
    const res = await fetch(`${h.base}/cgi-bin/message/subscribe/${api}?access_token=${encodeURIComponent(token)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return (await res.json()) as { errcode: number; errmsg: string };
  }
  const mini = (touser: string, data: unknown = GOOD) =>
    send('send', { touser, template_id: MINI, page: 'pages/live/index?id=L1&from=remind', data });

  it('delivers one message per accept, then answers 43101', async () => {
    h.sandbox.subscriptions.accept('mini', 'o-alice', MINI);
    expect((await mini('o-alice')).errcode).toBe(0);
    expect(await mini('o-alice')).toMatchObject({ errcode: 43101 });
    h.sandbox.subscriptions.accept('mini', 'o-alice', MINI, 2);
    expect((await mini('o-alice')).errcode).toBe(0);
    expect((await mini('o-alice')).errcode).toBe(0);
    expect((await mini('o-alice')).errcode).toBe(43101);
    const delivered = h.sandbox.subscriptions.deliveries();
    expect(delivered).toHaveLength(3);
    expect(delivered[0]).toMatchObject({
      app: 'mini',
      touser: 'o-alice',
      page: 'pages/live/index?id=L1&from=remind',
      data: { thing1: '新品发布会', time2: '2026年12月4日 14:00' },
    });
  });

  it('answers 43101 to a user who refused, 40003 to an openid of the other app, 40037 to another template', async () => {
    h.sandbox.subscriptions.refuse('mini', 'o-bob');
    expect((await mini('o-bob')).errcode).toBe(43101);
    h.sandbox.subscriptions.accept('mp', 'o-carol', MP);
    expect((await mini('o-carol')).errcode).toBe(40003);
    h.sandbox.subscriptions.accept('mini', 'o-dan', MINI);
    expect((await send('send', { touser: 'o-dan', template_id: MP, data: GOOD })).errcode).toBe(40037);
    expect(h.sandbox.subscriptions.remaining('mini', 'o-dan', MINI)).toBe(1);
    expect(h.sandbox.subscriptions.deliveries()).toHaveLength(0);
  });

  it.each([
    ['a thing over 20 characters', { ...GOOD, thing1: { value: '一二三四五六七八九十一二三四五六七八九十一' } }],
    ['an empty value', { ...GOOD, thing3: { value: ' ' } }],
    ['a missing keyword', { thing1: GOOD.thing1, time2: GOOD.time2 }],
    ['a time in no format of WeChat', { ...GOOD, time2: { value: 'tomorrow at two' } }],
  ])('answers 47003 for %s, and the accept is kept', async (_, data) => {
    h.sandbox.subscriptions.accept('mini', 'o-erin', MINI);
    expect(await mini('o-erin', data)).toMatchObject({ errcode: 47003 });
    expect(h.sandbox.subscriptions.remaining('mini', 'o-erin', MINI)).toBe(1);
  });

  it('takes exactly 20 characters of a thing, and 14:00 alone as a time', async () => {
    h.sandbox.subscriptions.accept('mini', 'o-fay', MINI);
    const data = { ...GOOD, thing1: { value: '一二三四五六七八九十一二三四五六七八九…' }, time2: { value: '14:00' } };
    expect((await mini('o-fay', data)).errcode).toBe(0);
  });

  it("bizsend takes the service account's token and openid and opens our mini program", async () => {
    h.sandbox.subscriptions.accept('mp', 'o-gus', MP);
    const miniprogram = { appid: h.sandbox.credentials.miniAppId, pagepath: 'pages/live/index?id=L1&from=remind' };
    expect(
      (await send('bizsend', { touser: 'o-gus', template_id: MP, miniprogram, data: GOOD }, miniToken)).errcode,
    ).toBe(48001);
    expect((await send('bizsend', { touser: 'o-gus', template_id: MP, miniprogram, data: GOOD })).errcode).toBe(0);
    expect(h.sandbox.subscriptions.deliveries()[0]).toMatchObject({
      app: 'mp',
      api: 'message/subscribe/bizsend',
      miniprogram,
    });
  });

  it('meets 45009 and -1 from the fault injector, without spending the accept', async () => {
    h.sandbox.subscriptions.accept('mini', 'o-hal', MINI);
    h.sandbox.faults.failNext('message/subscribe/send', 45009);
    h.sandbox.faults.failNext('message/subscribe/send', -1);
    expect((await mini('o-hal')).errcode).toBe(45009);
    expect((await mini('o-hal')).errcode).toBe(-1);
    expect((await mini('o-hal')).errcode).toBe(0);
  });

  it('is steered and read over the control endpoints', async () => {
    const post = (path: string, body: unknown) =>
      fetch(`${h.base}/__sandbox/subscribe/${path}`, { method: 'POST', body: JSON.stringify(body) });
    expect((await post('accepts', { app: 'mini', templateId: MINI, openids: ['o-ivy', 'o-jon'] })).status).toBe(204);
    expect((await post('refusals', { app: 'mini', openid: 'o-kim' })).status).toBe(204);
    expect((await post('accepts', { app: 'web', templateId: MINI, openids: ['o-x'] })).status).toBe(400);
    expect((await mini('o-ivy')).errcode).toBe(0);
    expect((await mini('o-kim')).errcode).toBe(43101);
    const read = (await (await fetch(`${h.base}/__sandbox/subscribe/deliveries?touser=o-ivy`)).json()) as {
      deliveries: unknown[];
    };
    expect(read.deliveries).toHaveLength(1);
    const templates = (await (await fetch(`${h.base}/__sandbox/subscribe/templates`)).json()) as unknown;
    expect(templates).toEqual({ templates: SANDBOX_REMINDER_TEMPLATES });
  });
});
