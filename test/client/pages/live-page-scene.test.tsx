import { screen, waitFor } from '@testing-library/react';
import LivePage from '../../../client/src/pages/live/index';
import { errorBody, stubBff } from '../support/bff-stub';
import { aLive } from '../support/fixtures';
import { renderWithServices } from '../support/render';
import { taroMock } from '../stand-ins/taro';

// The mini program's build takes the `.weapp` variant; jest resolves the default one, so it is swapped in here.
jest.mock('../../../client/src/hooks/use-live-page', () =>
  jest.requireActual('../../../client/src/hooks/use-live-page.weapp'),
);

const ID = 'lvOQpQDgAAEvbQXfglxhhWIfCYgjIwTM';
const ALIAS_SCENE = '!Ab3dE5gH9k';

function openPage(params: Record<string, string>) {
  taroMock.routerParams = params;
  return renderWithServices(<LivePage />);
}

/** A BFF with one live and one alias for its replay, tagged. */
function bff() {
  return stubBff((req) => {
    if (req.path === `/api/scenes/${encodeURIComponent(ALIAS_SCENE)}`) {
      return { status: 200, body: { livingId: ID, replay: true, from: 'poster-a' } };
    }
    if (req.path.startsWith('/api/scenes/')) return { status: 404, body: errorBody('NOT_FOUND') };
    if (req.path === `/api/lives/${ID}`) {
      return { status: 200, body: aLive({ livingId: ID, theme: '扫码进来的直播', status: 'ended', replay: 'ready' }) };
    }
    if (req.path.endsWith('/views')) return { status: 204 };
    return { status: 404, body: errorBody('LIVE_NOT_FOUND') };
  });
}

const paths = (requests: { path: string }[]) => requests.map((r) => r.path).filter((p) => !p.endsWith('/views'));

describe('live page opened from a mini program code', () => {
  it.each([
    ['as WeChat passes it (URL-encoded)', encodeURIComponent(ID)],
    ['already decoded', ID],
  ])('reads a living id scene %s without asking what it means', async (_how, scene) => {
    const { requests } = bff();
    openPage({ scene });
    expect(await screen.findByText('扫码进来的直播')).toBeTruthy();
    expect(paths(requests)).toEqual([`/api/lives/${ID}`]);
  });

  it('resolves an alias first, then shows that live as for ?id=', async () => {
    const { requests } = bff();
    const { container } = openPage({ scene: encodeURIComponent(ALIAS_SCENE) });
    expect(container.querySelector('.skeleton')).not.toBeNull();
    expect(screen.queryByText('直播不存在')).toBeNull();
    // From the scan to the card, never "直播不存在" on the way (not even for the render where the id arrives).
    const sawNotFound = jest.fn();
    const observer = new MutationObserver((records) => {
      for (const record of records) {
        for (const node of record.addedNodes) if (node.textContent?.includes('直播不存在')) sawNotFound();
      }
    });
    observer.observe(container, { childList: true, subtree: true, characterData: true });
    expect(await screen.findByText('扫码进来的直播')).toBeTruthy();
    observer.disconnect();
    expect(sawNotFound).not.toHaveBeenCalled();
    expect(paths(requests)).toEqual([`/api/scenes/${encodeURIComponent(ALIAS_SCENE)}`, `/api/lives/${ID}`]);
    // The alias's campaign tag counts the view.
    await waitFor(() => expect(requests.find((r) => r.path.endsWith('/views'))?.body).toEqual({ from: 'poster-a' }));
  });

  it.each([
    ['an alias nobody made', '!Zz9Zz9Zz9Z'],
    ['a scene none of our codes carries', 'id%3D1'],
  ])('says "直播不存在" for %s', async (_name, scene) => {
    bff();
    openPage({ scene });
    expect(await screen.findByText('直播不存在')).toBeTruthy();
  });

  it('lets an id in the query win over a scene', async () => {
    const { requests } = bff();
    openPage({ id: ID, scene: ALIAS_SCENE });
    expect(await screen.findByText('扫码进来的直播')).toBeTruthy();
    expect(paths(requests)).toEqual([`/api/lives/${ID}`]);
  });
});
