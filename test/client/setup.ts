import { TextEncoder } from 'node:util';
import { taroMock } from './stand-ins/taro';

// jsdom has no TextEncoder (every browser the H5 app supports does); `qrcode` needs it.
Object.assign(globalThis, { TextEncoder: globalThis.TextEncoder ?? TextEncoder });

afterEach(() => {
  taroMock.reset();
  jest.useRealTimers();
});
