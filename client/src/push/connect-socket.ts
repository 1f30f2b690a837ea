import Taro from '@tarojs/taro';
import type { ConnectSocket } from './push-socket';

const ignore = () => undefined;

/** Mini program (and the default): `Taro.connectSocket`'s task as a {@link PushSocket}. */
export const connectSocket: ConnectSocket = (url) =>
  Taro.connectSocket({ url }).then((task) => ({
    send: (data) => task.send({ data, fail: ignore }),
    close: () => task.close({ code: 1000, fail: ignore }),
    onOpen: (listener) => task.onOpen(() => listener()),
    onMessage: (listener) => task.onMessage((res) => listener(res.data)),
    onClose: (listener) => task.onClose((res) => listener({ code: res.code })),
    onError: (listener) => task.onError((res) => listener({ errMsg: res.errMsg })),
  }));
