import { taroMock } from './stand-ins/taro';

afterEach(() => {
  taroMock.reset();
  jest.useRealTimers();
});
