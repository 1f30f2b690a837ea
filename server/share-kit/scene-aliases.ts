import { createHmac } from 'node:crypto';
import { aliasScene, decodeScene, directScene, type SceneTarget } from '../../shared/mini-program-scene';
import type { Store } from '../store/store';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const ALIAS_LENGTH = 10;
const ALIAS_SPACE = 62n ** BigInt(ALIAS_LENGTH);

export interface SceneAliasesOptions {
  store: Store;
  /** The session secret: every instance derives the same alias for the same target, and nobody else can. */
  secret: string;
  /** Printed posters outlive campaigns; each share-kit view renews it. Default 400 days. */
  keepMs?: number;
}

/**
 * The scenes of our mini program codes. A target the scene can carry by itself gets that (`ID`, `ID.r`); any other
 * (a long id, a campaign tag) gets `!ALIAS`, where ALIAS is 10 base62 characters of an HMAC of the target with the
 * session secret: deterministic, so the same target always gets the same code and two instances agree without
 * coordination; keyed, so aliases cannot be made up for targets nobody shared. The alias → target mapping is kept
 * in the store for as long as printed codes may be scanned.
 */
export function createSceneAliases({ store, secret, keepMs = 400 * 24 * 3600_000 }: SceneAliasesOptions) {
  const key = (alias: string) => `scene-alias:${alias}`;

  function aliasOf({ livingId, replay, from }: SceneTarget): string {
    const digest = createHmac('sha256', secret)
      .update(JSON.stringify(['scene-alias', livingId, replay, from ?? '']))
      .digest();
    let n = digest.readBigUInt64BE(0) % ALIAS_SPACE;
    let alias = '';
    for (let i = 0; i < ALIAS_LENGTH; i++) {
      alias = BASE62[Number(n % 62n)]! + alias;
      n /= 62n;
    }
    return alias;
  }

  /** The scene for `target`, computed (the same on every instance); nothing is stored. */
  function sceneOf(target: SceneTarget): string {
    return directScene(target) ?? aliasScene(aliasOf(target));
  }

  return {
    sceneOf,
    /** The scene for `target`, its alias (if it needs one) stored so it resolves for `keepMs` from now. */
    async sceneFor(target: SceneTarget): Promise<string> {
      const direct = directScene(target);
      if (direct) return direct;
      const alias = aliasOf(target);
      const stored: SceneTarget = {
        livingId: target.livingId,
        replay: target.replay,
        ...(target.from !== undefined ? { from: target.from } : {}),
      };
      await store.set(key(alias), stored, keepMs);
      return aliasScene(alias);
    },
    /** What a scene stands for; `undefined` for an alias nobody made (or that has been forgotten). */
    async resolve(scene: string): Promise<SceneTarget | undefined> {
      const decoded = decodeScene(scene);
      if (!decoded) return undefined;
      if (decoded.kind === 'direct') return { livingId: decoded.livingId, replay: decoded.replay };
      return store.get<SceneTarget>(key(decoded.alias));
    },
  };
}

export type SceneAliases = ReturnType<typeof createSceneAliases>;
