import { waitFor } from '@testing-library/react';
import { copyLink } from '../../../../client/src/components/launch-button/copy-link';
import { taroMock } from '../../stand-ins/taro';

describe('copyLink', () => {
  it('copies within the tap itself (before any await), leaves nothing behind, then says so', async () => {
    const copied: string[] = [];
    document.execCommand = jest.fn(() => {
      const area = document.activeElement as HTMLTextAreaElement;
      copied.push(`${area.tagName}:${area.readOnly}:${area.value.slice(area.selectionStart, area.selectionEnd)}`);
      return true;
    });
    copyLink('https://live.test/live/lv_1?from=poster');
    expect(copied).toEqual(['TEXTAREA:true:https://live.test/live/lv_1?from=poster']);
    expect(document.querySelector('textarea')).toBeNull();
    expect(taroMock.taro.showToast).not.toHaveBeenCalled(); // the toast's code arrives after the copy
    await waitFor(() => expect(taroMock.taro.showToast).toHaveBeenCalledWith({ title: '链接已复制', icon: 'none' }));
  });

  it.each([
    ['refuses', () => false],
    [
      'throws',
      () => {
        throw new Error('SecurityError');
      },
    ],
  ])('says how to copy by hand when the browser %s', async (_case, execCommand) => {
    document.execCommand = jest.fn(execCommand);
    copyLink('https://live.test/live/lv_1');
    expect(document.querySelector('textarea')).toBeNull();
    await waitFor(() =>
      expect(taroMock.taro.showToast).toHaveBeenCalledWith({ title: '复制失败，请手动复制地址栏链接', icon: 'none' }),
    );
  });
});
