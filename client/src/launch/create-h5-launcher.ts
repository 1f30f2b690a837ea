import type { BffApi } from '../api/bff-api';
import { unavailableH5Launcher, type H5Launcher } from './h5-launcher';

export interface H5LauncherDeps {
  api: BffApi;
  baseUrl: string;
}

/**
 * The app's H5 launcher for this platform. Only H5 has one (`create-h5-launcher.h5.ts`); elsewhere (the mini
 * program opens the live itself) it is the unavailable one, and no JS-SDK code is bundled.
 */
export function createH5Launcher(_deps: H5LauncherDeps): H5Launcher {
  return unavailableH5Launcher;
}
