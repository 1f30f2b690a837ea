import type { LivePageParams } from '../routes';

/** What the live page shows, and whether it is still being worked out. */
export interface SceneTargetState extends LivePageParams {
  pending: boolean;
}

/**
 * H5: pages are never opened from a mini program code (only WeChat's scanner launches those, into the mini
 * program), so the page's own params are the target. The mini program's variant reads `scene`.
 */
export function useSceneTarget(params: LivePageParams, _scene?: string): SceneTargetState {
  return { ...params, pending: false };
}
