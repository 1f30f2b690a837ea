import { SCENE_MAX_LENGTH, SCENE_PATTERN, aliasScene, decodeScene, directScene } from '../../shared/mini-program-scene';

const ID32 = 'lvOQpQDgAAEvbQXfglxhhWIfCYgjIwTM';
const ID30 = 'lvOQpQDgAAEvbQXfglxhhWIfCYgjIw';

describe('mini program scene', () => {
  it.each([
    ['a live whose id fits', { livingId: ID32, replay: false }, ID32],
    ['a replay whose id leaves room for .r', { livingId: ID30, replay: true }, `${ID30}.r`],
    ['a replay of a 32-character id', { livingId: ID32, replay: true }, undefined],
    ['a 33-character id', { livingId: `${ID32}x`, replay: false }, undefined],
    ['a campaign tag', { livingId: 'lv1', replay: false, from: 'wx-article' }, undefined],
    ['a malformed id', { livingId: 'lv/1', replay: false }, undefined],
  ])('direct scene for %s', (_name, target, scene) => expect(directScene(target)).toBe(scene));

  it.each([
    [ID32, { kind: 'direct', livingId: ID32, replay: false }],
    [`${ID30}.r`, { kind: 'direct', livingId: ID30, replay: true }],
    ['lv_1-a', { kind: 'direct', livingId: 'lv_1-a', replay: false }],
    ['!Ab3dE5gH9k', { kind: 'alias', alias: 'Ab3dE5gH9k' }],
    ['!short', undefined],
    ['!Ab3dE5gH9k0', undefined],
    ['!Ab3dE5g_9k', undefined],
    ['', undefined],
    ['.r', undefined],
    ['lv 1', undefined],
    ['lv.x', undefined],
    [`${ID32}x`, undefined],
  ])('decodes %p', (scene, decoded) => expect(decodeScene(scene)).toEqual(decoded));

  it('round-trips every direct scene, and every scene it makes is one WeChat accepts', () => {
    for (const target of [
      { livingId: ID32, replay: false },
      { livingId: ID30, replay: true },
      { livingId: 'a', replay: true },
    ]) {
      const scene = directScene(target)!;
      expect(scene.length).toBeLessThanOrEqual(SCENE_MAX_LENGTH);
      expect(scene).toMatch(SCENE_PATTERN);
      expect(decodeScene(scene)).toEqual({ kind: 'direct', ...target });
    }
    expect(aliasScene('Ab3dE5gH9k')).toMatch(SCENE_PATTERN);
  });

  it.each([
    ["WeChat's special characters", "!#$&'()*+,/:;=?@-._~", true],
    ['33 characters', 'a'.repeat(33), false],
    ['a percent sign', 'a%20b', false],
    ['Chinese', '直播', false],
    ['a space', 'a b', false],
    ['nothing', '', false],
  ])('the scene pattern: %s', (_name, scene, ok) => expect(SCENE_PATTERN.test(scene)).toBe(ok));
});
