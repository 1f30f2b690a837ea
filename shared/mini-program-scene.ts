/**
 * The `scene` of a mini program code (`wxa/getwxacodeunlimit`): at most 32 characters of WeChat's set, handed to
 * the page URL-encoded in its launch query. A code opens the live page (`LIVE_PAGE`) of one live:
 * - `ID` (the living id itself) or `ID.r` (its replay) when that fits: the page needs no request to read it;
 * - `!ALIAS` otherwise (a longer id, or a campaign tag to carry): the BFF resolves it (`GET /api/scenes/:scene`).
 * `.` and `!` cannot occur in a living id (`A–Z a–z 0–9 _ -`), so the three forms never overlap.
 */
import { isLivingId } from './living-id';

/** What a mini program code's `scene` stands for (`GET /api/scenes/:scene`, public): a live, its replay, a tag. */
export interface SceneTarget {
  livingId: string;
  replay: boolean;
  /** A campaign tag (`shared/campaign-tag.ts`). */
  from?: string;
}

/** WeChat's limit: "最大32个可见字符". */
export const SCENE_MAX_LENGTH = 32;

/** The characters WeChat accepts in a scene: digits, letters and `!#$&'()*+,/:;=?@-._~`. */
export const SCENE_PATTERN = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/;

const REPLAY_SUFFIX = '.r';
const ALIAS_PREFIX = '!';

/** An alias: 10 base62 characters (about 59 bits), so `!ALIAS` takes 11 of the 32. */
export const SCENE_ALIAS_PATTERN = /^[0-9A-Za-z]{10}$/;

export type DecodedScene = { kind: 'direct'; livingId: string; replay: boolean } | { kind: 'alias'; alias: string };

/** The scene that carries `target` by itself, or `undefined` when it needs an alias (too long, or a tag). */
export function directScene({ livingId, replay, from }: SceneTarget): string | undefined {
  if (from !== undefined || !isLivingId(livingId)) return undefined;
  const scene = replay ? `${livingId}${REPLAY_SUFFIX}` : livingId;
  return scene.length <= SCENE_MAX_LENGTH ? scene : undefined;
}

export function aliasScene(alias: string): string {
  return `${ALIAS_PREFIX}${alias}`;
}

/** Reads a scene (already URL-decoded); `undefined` for anything none of our codes carries. */
export function decodeScene(scene: string): DecodedScene | undefined {
  if (scene.length > SCENE_MAX_LENGTH) return undefined;
  if (scene.startsWith(ALIAS_PREFIX)) {
    const alias = scene.slice(ALIAS_PREFIX.length);
    return SCENE_ALIAS_PATTERN.test(alias) ? { kind: 'alias', alias } : undefined;
  }
  const replay = scene.endsWith(REPLAY_SUFFIX);
  const livingId = replay ? scene.slice(0, -REPLAY_SUFFIX.length) : scene;
  return isLivingId(livingId) ? { kind: 'direct', livingId, replay } : undefined;
}
