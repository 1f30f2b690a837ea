import { act, renderHook } from '@testing-library/react';
import { useNow } from '../../../client/src/hooks/use-now';
import { taroMock } from '../stand-ins/taro';

const T0 = Date.parse('2025-11-28T10:00:00Z');

describe('useNow', () => {
  beforeEach(() => jest.useFakeTimers({ now: T0 }));

  it('reads the clock again every interval', () => {
    const { result } = renderHook(() => useNow(1000));
    expect(result.current).toBe(T0);
    act(() => jest.advanceTimersByTime(3000));
    expect(result.current).toBe(T0 + 3000);
  });

  it('keeps no timer while disabled', () => {
    const { result } = renderHook(() => useNow(1000, false));
    expect(jest.getTimerCount()).toBe(0);
    act(() => jest.advanceTimersByTime(3000));
    expect(result.current).toBe(T0);
  });

  it('stops while the page is hidden and reads the clock the moment it shows', () => {
    const { result } = renderHook(() => useNow(60_000));
    act(() => taroMock.hide());
    expect(jest.getTimerCount()).toBe(0);
    act(() => jest.advanceTimersByTime(90_000));
    expect(result.current).toBe(T0);

    act(() => taroMock.show());
    expect(result.current).toBe(T0 + 90_000);
    act(() => jest.advanceTimersByTime(60_000));
    expect(result.current).toBe(T0 + 150_000);
  });
});
