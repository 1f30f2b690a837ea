import { createHash } from 'node:crypto';
import type { WatchStat, WatchStatExternalUser, WatchStatUser } from './watch-stat-rows';
import { SANDBOX_MEMBERS } from '../members';

const SURNAMES = [
  ['王', 'wang'],
  ['李', 'li'],
  ['张', 'zhang'],
  ['刘', 'liu'],
  ['陈', 'chen'],
  ['杨', 'yang'],
  ['黄', 'huang'],
  ['赵', 'zhao'],
  ['吴', 'wu'],
  ['周', 'zhou'],
  ['欧阳', 'ouyang'],
] as const;
const GIVEN = [
  ['伟', 'wei'],
  ['芳', 'fang'],
  ['娜', 'na'],
  ['敏', 'min'],
  ['静', 'jing'],
  ['磊', 'lei'],
  ['洋', 'yang'],
  ['婷婷', 'tingting'],
  ['子涵', 'zihan'],
  ['建国', 'jianguo'],
] as const;
const NICKNAMES = ['Lucy', 'Tom Chen', '小鱼儿 🐟', '阳光少年', 'Anna_Li', '🌸花花', '老王', 'Kevin（上海）'];
/** Names that break naive CSV writers: a comma, a double quote, a line break. Every 50 external people has them. */
const TRICKY_NAMES = ['张三,销售部', '"小李" 飞刀', '王五\n（代理商）'];
const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * `count` made-up viewers, the same for the same `seed`: about 30% members (the sandbox corp's first, then made-up
 * pinyin userids), 50% WeChat users and 20% WeCom users of other corps; watch times from seconds to two hours,
 * mostly short; about a quarter commented, 2% spoke on the mic, about 15% came in through someone's share (a member
 * or an external person seen earlier). 100,000 take well under a second.
 */
export function generateWatchStat(count: number, seed: string): WatchStat {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const users: WatchStatUser[] = [];
  const externalUsers: WatchStatExternalUser[] = [];
  const memberIds = Object.keys(SANDBOX_MEMBERS);
  const taken = new Set<string>();

  const nextUserId = () => {
    const known = memberIds[users.length];
    if (known) return known;
    for (;;) {
      const id = `${pick(SURNAMES)[1]}${pick(GIVEN)[1]}${String(Math.floor(random() * 10_000)).padStart(4, '0')}`;
      if (!taken.has(id) && !(id in SANDBOX_MEMBERS)) return id;
    }
  };
  const externalId = () => {
    let id = 'wm';
    for (let i = 0; i < 30; i++) id += ID_ALPHABET[Math.floor(random() * ID_ALPHABET.length)];
    return id;
  };
  const externalName = (index: number) => {
    const tricky = TRICKY_NAMES[(index % 50) - 1];
    if (tricky) return tricky;
    if (random() < 0.3) return pick(NICKNAMES);
    return pick(SURNAMES)[0] + pick(GIVEN)[0];
  };
  // Fills in what a viewer did. No spreads or array destructuring in this loop: transpiled for jest, they are slow.
  const watch = <T extends WatchStatUser | WatchStatExternalUser>(viewer: T): T => {
    viewer.watch_time = 5 + Math.floor(random() * random() * 7200);
    viewer.is_comment = random() < 0.25 ? 1 : 0;
    viewer.is_mic = random() < 0.02 ? 1 : 0;
    const invited = random();
    if (invited < 0.1 && users.length > 0) viewer.invitor_userid = pick(users).userid;
    else if (invited < 0.15 && externalUsers.length > 0) {
      viewer.invitor_external_userid = pick(externalUsers).external_userid;
    }
    return viewer;
  };

  for (let n = 0; n < count; n++) {
    const kind = random();
    if (kind < 0.3) {
      const userid = nextUserId();
      taken.add(userid);
      users.push(watch({ userid, watch_time: 0, is_comment: 0, is_mic: 0 }));
    } else {
      const external_userid = externalId();
      const name = externalName(externalUsers.length);
      const type = kind < 0.8 ? 1 : 2;
      externalUsers.push(watch({ external_userid, type, name, watch_time: 0, is_comment: 0, is_mic: 0 }));
    }
  }
  return { users, externalUsers };
}

/** mulberry32 seeded from the seed's hash: fast, and the same numbers on every platform. */
function seededRandom(seed: string): () => number {
  let state = createHash('sha256').update(seed).digest().readUInt32LE(0);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
