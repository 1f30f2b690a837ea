import type { JssdkConfigResponse } from '../../../shared/api';
import { ApiError } from '../../../client/src/api/api-error';
import { WechatSdkError, createWechatSdk } from '../../../client/src/launch/wechat-sdk';
import { fakeWx } from '../support/fake-wx';

const CONFIG: JssdkConfigResponse = {
  appId: 'wx8d4b2f6a0c1e3957',
  timestamp: 1_764_000_000,
  nonceStr: 'n0nce',
  signature: 'a'.repeat(40),
  jsApiList: ['updateAppMessageShareData', 'updateTimelineShareData'],
  openTagList: ['wx-open-launch-weapp'],
};

function setup({ url = 'https://live.test/p?id=1' } = {}) {
  const fake = fakeWx();
  const state = { url };
  const fetchConfig = jest.fn(async (_url: string) => CONFIG);
  const loadWx = jest.fn(async () => fake.wx);
  const sdk = createWechatSdk({ fetchConfig, loadWx, signatureUrl: () => state.url, timeoutMs: 5_000 });
  /** Lets the config fetch and the SDK load settle. */
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  return { ...fake, sdk, fetchConfig, loadWx, state, settle };
}

describe('WeChat JS-SDK', () => {
  it('fetches the config for the signature URL and passes it to wx.config as is, debug off', async () => {
    const { sdk, wx, verify, fetchConfig, settle } = setup();
    const ready = sdk.ready();
    await settle();
    expect(fetchConfig).toHaveBeenCalledWith('https://live.test/p?id=1');
    expect(wx.config).toHaveBeenCalledWith({ ...CONFIG, debug: false });
    verify();
    await expect(ready).resolves.toBe(wx);
  });

  it('configures once: every caller shares the one wx.ready', async () => {
    const { sdk, wx, verify, fetchConfig, loadWx, settle } = setup();
    const calls = [sdk.ready(), sdk.ready()];
    await settle();
    verify();
    calls.push(sdk.ready());
    const results = await Promise.all(calls);
    expect(results).toEqual([wx, wx, wx]);
    expect(calls[0]).toBe(calls[2]);
    expect(wx.config).toHaveBeenCalledTimes(1);
    expect(fetchConfig).toHaveBeenCalledTimes(1);
    expect(loadWx).toHaveBeenCalledTimes(1);
  });

  it('rejects with WECHAT_SDK_FAILED on wx.error, although the SDK runs the ready callbacks afterwards', async () => {
    const { sdk, refuse, settle, wx } = setup();
    const ready = sdk.ready();
    await settle();
    refuse('config:invalid signature');
    await expect(ready).rejects.toMatchObject({ name: 'WechatSdkError', code: 'WECHAT_SDK_FAILED' });
    await expect(ready).rejects.toThrow('config:invalid signature');
    // wx.ready fires once per page: the verdict stands, no second wx.config for the same URL.
    await expect(sdk.ready()).rejects.toBeInstanceOf(WechatSdkError);
    expect(wx.config).toHaveBeenCalledTimes(1);
  });

  it('gives up when WeChat never answers (a WeChat-like browser without the bridge)', async () => {
    jest.useFakeTimers();
    const { sdk } = setup();
    const ready = sdk.ready();
    const outcome = ready.catch((error: unknown) => error);
    await jest.advanceTimersByTimeAsync(5_000);
    expect(await outcome).toMatchObject({ code: 'WECHAT_SDK_FAILED', message: 'wx.ready did not fire' });
  });

  it('may try again when the config could not be fetched (nothing reached wx.config)', async () => {
    const { sdk, fetchConfig, wx, verify, settle } = setup();
    fetchConfig.mockRejectedValueOnce(new ApiError({ code: 'NETWORK_ERROR', message: 'x', status: 0 }));
    await expect(sdk.ready()).rejects.toMatchObject({ code: 'NETWORK_ERROR' });
    const again = sdk.ready();
    await settle();
    verify();
    await expect(again).resolves.toBe(wx);
    expect(fetchConfig).toHaveBeenCalledTimes(2);
    expect(wx.config).toHaveBeenCalledTimes(1);
  });

  it('configures again for a new signature URL (Android after client-side navigation)', async () => {
    const { sdk, wx, verify, fetchConfig, state, settle } = setup();
    const first = sdk.ready();
    await settle();
    verify();
    await first;
    state.url = 'https://live.test/p?id=2';
    await expect(sdk.ready()).resolves.toBe(wx);
    expect(fetchConfig).toHaveBeenLastCalledWith('https://live.test/p?id=2');
    expect(wx.config).toHaveBeenCalledTimes(2);
  });
});
