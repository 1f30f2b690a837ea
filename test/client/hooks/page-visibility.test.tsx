import { act, renderHook } from '@testing-library/react';
import { usePageVisible } from '../../../client/src/hooks/page-visibility';
import { usePageVisible as usePageVisibleH5 } from '../../../client/src/hooks/page-visibility.h5';
import { taroMock } from '../stand-ins/taro';

function setTabHidden(hidden: boolean) {
  jest.spyOn(document, 'hidden', 'get').mockReturnValue(hidden);
  document.dispatchEvent(new Event('visibilitychange'));
}

afterEach(() => jest.restoreAllMocks());

describe('page visibility', () => {
  it('follows the mini program page’s show and hide', () => {
    const { result } = renderHook(() => usePageVisible());
    expect(result.current).toBe(true);
    act(() => taroMock.hide());
    expect(result.current).toBe(false);
    act(() => taroMock.show());
    expect(result.current).toBe(true);
  });

  it('on H5 also follows the browser tab', () => {
    const { result } = renderHook(() => usePageVisibleH5());
    expect(result.current).toBe(true);
    act(() => setTabHidden(true));
    expect(result.current).toBe(false);
    act(() => setTabHidden(false));
    expect(result.current).toBe(true);
    act(() => taroMock.hide());
    expect(result.current).toBe(false);
  });
});
