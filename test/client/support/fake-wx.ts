import type { Wx } from '../../../client/src/launch/wechat-sdk';

/**
 * A stand-in for WeChat's `wx` that behaves like weixin-js-sdk 1.6.5: ready callbacks queue until the config is
 * verified and run at once afterwards; one error callback (the last registered); after a failed verification the
 * error callback runs first, then the queued ready callbacks anyway.
 */
export function fakeWx() {
  let state: 'pending' | 'ok' | 'failed' = 'pending';
  let readyQueue: (() => void)[] = [];
  let onError: ((res: { errMsg: string }) => void) | undefined;
  const wx = {
    config: jest.fn<void, Parameters<Wx['config']>>(),
    ready: jest.fn((callback: () => void) => {
      if (state === 'pending') readyQueue.push(callback);
      else callback();
    }),
    error: jest.fn((callback: (res: { errMsg: string }) => void) => void (onError = callback)),
    updateAppMessageShareData: jest.fn(),
    updateTimelineShareData: jest.fn(),
    miniProgram: {
      /** Succeeds unless told otherwise with `mockImplementationOnce`. */
      navigateTo: jest.fn<void, Parameters<Wx['miniProgram']['navigateTo']>>((options) => options.success?.()),
    },
  };
  const finish = () => {
    const queue = readyQueue;
    readyQueue = [];
    queue.forEach((callback) => callback());
  };
  return {
    wx,
    /** WeChat verified the signature. */
    verify() {
      state = 'ok';
      finish();
    },
    /** WeChat refused the config. */
    refuse(errMsg = 'config:invalid signature') {
      state = 'failed';
      onError?.({ errMsg });
      finish();
    },
  };
}
