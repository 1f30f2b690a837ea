import { BULK_LIVE_COUNT, SANDBOX_ANCHORS, SANDBOX_BULK_ANCHOR, SANDBOX_LIVES } from '../../../../sandbox';
import { eachSandboxWithToken, type Harness } from '../../sandbox-harness';

describe('living/get_user_all_livingid', () => {
  let h: Harness;
  let token: string;
  eachSandboxWithToken((next) => ({ h, token } = next));

  const page = (body: unknown) =>
    h.wecom('living/get_user_all_livingid', { method: 'POST', query: { access_token: token }, body });

  it('pages through the bulk anchor’s lives in two pages at limit 100', async () => {
    const first = await page({ userid: SANDBOX_BULK_ANCHOR, cursor: '', limit: 100 });
    expect(first.json).toMatchObject({ errcode: 0, errmsg: 'ok' });
    const firstIds = first.json?.livingid_list as string[];
    const cursor = first.json?.next_cursor as string;
    expect(firstIds).toHaveLength(100);
    expect(cursor).not.toBe('');

    const second = await page({ userid: SANDBOX_BULK_ANCHOR, cursor, limit: 100 });
    const secondIds = second.json?.livingid_list as string[];
    expect(secondIds).toHaveLength(BULK_LIVE_COUNT - 100);
    expect(second.json?.next_cursor).toBe('');

    const all = [...firstIds, ...secondIds];
    expect(new Set(all).size).toBe(BULK_LIVE_COUNT);
    for (const id of all) {
      expect(id).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(h.sandbox.lives.get(id)?.anchor_userid).toBe(SANDBOX_BULK_ANCHOR);
    }
  });

  it('lists newest first and defaults limit to 100', async () => {
    const answer = await page({ userid: SANDBOX_BULK_ANCHOR });
    const ids = answer.json?.livingid_list as string[];
    expect(ids).toHaveLength(100);
    const starts = ids.map((id) => h.sandbox.lives.get(id)?.reserve_start ?? 0);
    expect(starts).toEqual([...starts].sort((a, b) => b - a));
  });

  it('honours a smaller limit', async () => {
    const [anchor] = SANDBOX_ANCHORS;
    const first = await page({ userid: anchor, cursor: '', limit: 2 });
    expect(first.json?.livingid_list).toHaveLength(2);
    const rest = await page({ userid: anchor, cursor: first.json?.next_cursor, limit: 100 });
    const all = [...(first.json?.livingid_list as string[]), ...(rest.json?.livingid_list as string[])];
    const owned = h.sandbox.lives.list().filter((l) => l.info.anchor_userid === anchor);
    expect(all.sort()).toEqual(owned.map((l) => l.livingId).sort());
    expect(rest.json?.next_cursor).toBe('');
  });

  it('answers an empty last page for a member without lives', async () => {
    const answer = await page({ userid: 'nobody', cursor: '', limit: 100 });
    expect(answer.json).toEqual({ errcode: 0, errmsg: 'ok', next_cursor: '', livingid_list: [] });
  });

  it('covers every showcase live through the showcase anchors', async () => {
    const ids: string[] = [];
    for (const userid of SANDBOX_ANCHORS) ids.push(...((await page({ userid })).json?.livingid_list as string[]));
    expect(ids.sort()).toEqual(Object.values(SANDBOX_LIVES).sort());
  });

  it.each([
    ['a limit over 100', { userid: SANDBOX_BULK_ANCHOR, limit: 101 }],
    ['a negative limit', { userid: SANDBOX_BULK_ANCHOR, limit: -1 }],
    ['a non-numeric limit', { userid: SANDBOX_BULK_ANCHOR, limit: '100' }],
    ['a cursor it never issued', { userid: SANDBOX_BULK_ANCHOR, cursor: 'bm9wZQ' }],
    ['no userid', { cursor: '', limit: 10 }],
  ])('answers 40058 to %s', async (_name, body) => {
    expect((await page(body)).json?.errcode).toBe(40058);
  });

  it('refuses a cursor issued for another member', async () => {
    const first = await page({ userid: SANDBOX_BULK_ANCHOR, limit: 10 });
    const answer = await page({ userid: SANDBOX_ANCHORS[0], cursor: first.json?.next_cursor });
    expect(answer.json?.errcode).toBe(40058);
  });

  it('answers 47001 to a body that is not JSON and 43002 to a GET', async () => {
    expect(
      (await h.wecom('living/get_user_all_livingid', { query: { access_token: token }, rawBody: 'x' })).json?.errcode,
    ).toBe(47001);
    expect((await h.wecom('living/get_user_all_livingid', { query: { access_token: token } })).json?.errcode).toBe(
      43002,
    );
  });
});
