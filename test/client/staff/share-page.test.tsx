import { act, fireEvent, render, screen, within } from '@testing-library/react';
import type { StaffShareKit } from '../../../shared/staff-api';
import { SharePage } from '../../../client/src/staff/pages/share-page';
import type { StaffApi } from '../../../client/src/staff/staff-api-client';
import { StaffContext } from '../../../client/src/staff/staff-context';

const ORIGIN = 'https://live.example.com';
const kit = (overrides: Partial<StaffShareKit> = {}): StaffShareKit => ({
  livingId: 'lvShare',
  theme: '冬季新品预告会',
  from: 'sms_a',
  links: { live: `${ORIGIN}/live/lvShare?from=sms_a`, replay: `${ORIGIN}/live/lvShare?replay=1&from=sms_a` },
  scene: '!Ab3dE5gH9k',
  images: {
    linkQr: '/api/staff/lives/lvShare/link-qr.png?from=sms_a',
    miniProgramCode: '/api/staff/lives/lvShare/mini-program-code.png?from=sms_a',
    poster: '/api/staff/lives/lvShare/poster.png?from=sms_a',
  },
  urlLinks: { live: 'https://wxaurl.cn/liveLINK1', replay: 'https://wxaurl.cn/replayLNK' },
  sms: {
    live: '【冬季新品预告会】12月3日 19:30 开播，点击观看 https://wxaurl.cn/liveLINK1',
    replay: '【冬季新品预告会】回放已上线，点击观看 https://wxaurl.cn/replayLNK',
  },
  miniProgram: {
    appId: 'wx8d4b2f6a0c1e3957',
    paths: {
      live: 'pages/live/index?id=lvShare&from=sms_a',
      replay: 'pages/live/index?id=lvShare&replay=1&from=sms_a',
    },
  },
  ...overrides,
});

/** What each copy put on the clipboard. */
const writeText = jest.fn((_text: string) => Promise.resolve());
beforeAll(() => {
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
  Object.defineProperty(window, 'isSecureContext', { value: true, configurable: true });
});
beforeEach(() => writeText.mockClear());

async function renderShare(answer: StaffShareKit) {
  const api = { shareKit: jest.fn(() => Promise.resolve(answer)) } as unknown as StaffApi;
  await act(async () => {
    render(
      <StaffContext.Provider value={{ api, me: { userId: 'zhaomin', role: 'staff' }, now: Date.now }}>
        <SharePage livingId="lvShare" from="sms_a" />
      </StaffContext.Provider>,
    );
  });
  await screen.findByRole('heading', { name: '冬季新品预告会' });
}

const section = (heading: string) => screen.getByRole('heading', { name: heading }).closest('section') as HTMLElement;

async function copyIn(region: HTMLElement, field: string, button: string) {
  const value = (within(region).getByLabelText(field) as HTMLInputElement).value;
  const row = within(region).getByLabelText(field).closest('.link-row') as HTMLElement;
  await act(async () => {
    fireEvent.click(within(row).getByRole('button', { name: button }));
  });
  return value;
}

describe('the share page', () => {
  it('shows the tag’s URL Links, each with a copy button', async () => {
    await renderShare(kit());
    const urlLinks = section('微信外打开（URL Link）');
    expect(await copyIn(urlLinks, '直播页', '复制链接')).toBe('https://wxaurl.cn/liveLINK1');
    expect(await copyIn(urlLinks, '回放页', '复制链接')).toBe('https://wxaurl.cn/replayLNK');
    expect(writeText.mock.calls.map(([text]) => text)).toEqual([
      'https://wxaurl.cn/liveLINK1',
      'https://wxaurl.cn/replayLNK',
    ]);
    expect(within(urlLinks).getAllByRole('button', { name: '已复制' })).toHaveLength(2);
  });

  it('says so where there is no URL Link, and keeps the other', async () => {
    await renderShare(kit({ urlLinks: { live: 'https://wxaurl.cn/liveLINK1', replay: null } }));
    const urlLinks = section('微信外打开（URL Link）');
    expect(within(urlLinks).getByText(/暂时无法生成/)).toBeTruthy();
    expect(within(urlLinks).queryByLabelText('回放页')).toBeNull();
    expect((within(urlLinks).getByLabelText('直播页') as HTMLInputElement).value).toBe('https://wxaurl.cn/liveLINK1');
    expect(within(section('短信文案')).getByText('没有 URL Link 时，文案里是稳定链接。')).toBeTruthy();
  });

  it('shows the ready SMS texts with a copy button each', async () => {
    await renderShare(kit());
    const sms = section('短信文案');
    expect(await copyIn(sms, '直播', '复制文案')).toBe(kit().sms.live);
    expect(await copyIn(sms, '回放', '复制文案')).toBe(kit().sms.replay);
    expect(writeText.mock.calls.map(([text]) => text)).toEqual([kit().sms.live, kit().sms.replay]);
  });

  it('shows the mini program’s appid and the live page’s paths with their query, for the article editor', async () => {
    await renderShare(kit());
    const card = section('公众号文章和菜单的小程序卡片');
    expect(await copyIn(card, 'AppID', '复制 AppID')).toBe('wx8d4b2f6a0c1e3957');
    expect(await copyIn(card, '直播页', '复制路径')).toBe('pages/live/index?id=lvShare&from=sms_a');
    expect(await copyIn(card, '回放页', '复制路径')).toBe('pages/live/index?id=lvShare&replay=1&from=sms_a');
    expect(writeText).toHaveBeenCalledTimes(3);
  });
});
