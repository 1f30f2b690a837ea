import { fireEvent, render, screen } from '@testing-library/react';
import { GeneratedImage } from '../../../client/src/staff/components/generated-image';

const SRC = '/api/staff/lives/lv1/poster.png?from=spring';

describe('an image the BFF draws on request', () => {
  it('shows a placeholder until it loads, then the image and its download link', () => {
    render(<GeneratedImage src={SRC} alt="直播海报预览" downloadLabel="下载海报" poster />);
    expect(screen.getByRole('status').textContent).toContain('正在生成');
    expect(screen.queryByRole('link', { name: '下载海报' })).toBeNull();

    fireEvent.load(screen.getByAltText('直播海报预览'));
    expect(screen.queryByRole('status')).toBeNull();
    expect((screen.getByAltText('直播海报预览') as HTMLImageElement).hidden).toBe(false);
    expect(screen.getByRole('link', { name: '下载海报' }).getAttribute('href')).toBe(SRC);
  });

  it('says 生成失败 instead of a broken image, hides the download, and retries with a fresh query', () => {
    render(<GeneratedImage src={SRC} alt="直播页的小程序码" downloadLabel="下载小程序码" />);
    fireEvent.error(screen.getByAltText('直播页的小程序码'));
    expect(screen.getByRole('alert').textContent).toContain('生成失败');
    expect(screen.queryByAltText('直播页的小程序码')).toBeNull();
    expect(screen.queryByRole('link', { name: '下载小程序码' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: '重试' }));
    const again = screen.getByAltText('直播页的小程序码');
    expect(again.getAttribute('src')).toBe(`${SRC}&retry=1`);
    fireEvent.error(again);
    fireEvent.click(screen.getByRole('button', { name: '重试' }));
    expect(screen.getByAltText('直播页的小程序码').getAttribute('src')).toBe(`${SRC}&retry=2`);
    fireEvent.load(screen.getByAltText('直播页的小程序码'));
    expect(screen.getByRole('link', { name: '下载小程序码' }).getAttribute('href')).toBe(`${SRC}&retry=2`);
  });

  it('starts over for a new src (a new campaign tag)', () => {
    const { rerender } = render(<GeneratedImage src="/qr.png" alt="二维码" downloadLabel="下载二维码" />);
    fireEvent.error(screen.getByAltText('二维码'));
    rerender(<GeneratedImage src="/qr.png?from=b" alt="二维码" downloadLabel="下载二维码" />);
    expect(screen.getByAltText('二维码').getAttribute('src')).toBe('/qr.png?from=b');
    expect(screen.getByRole('status')).toBeTruthy();
  });
});
