import { H5_SIGN_IN_PATH, signInHref } from '../../../shared/paths';

/** A second automatic sign-in for the same page within this window means the first one did not stick. */
export const SIGN_IN_RETRY_WINDOW_MS = 60_000;
const MARKER_KEY = 'wlv.h5SignIn';

type MarkerStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface SignInRedirectOptions {
  /** The BFF's base URL (`''` = same origin). */
  baseUrl?: string;
  /** Leaves the page (`location.replace`, so Back does not return to a page that only redirects). */
  navigate: (url: string) => void;
  /** Survives the round trip through WeChat's authorize page: `sessionStorage`. Missing = cannot remember. */
  storage: MarkerStorage | undefined;
  now?: () => number;
  windowMs?: number;
}

export interface SignInRedirect {
  /**
   * Leaves for the sign-in and returns `true`, unless this page already did so within the window (the session
   * did not stick: cookies blocked, a refused code…) or the attempt cannot be remembered: then `false`, and the
   * caller shows an error with a retry instead. Never a redirect loop.
   */
  start(returnTo: string): boolean;
  /** The viewer asked to try again: leaves for the sign-in whatever happened before. */
  force(returnTo: string): void;
  /** Signed in: forget the attempt, so a session that expires later may sign in again. */
  done(): void;
}

export function signInUrl(returnTo: string, baseUrl = ''): string {
  return `${baseUrl}${signInHref(H5_SIGN_IN_PATH, returnTo)}`;
}

/** Silent WeChat sign-in for H5 with a `sessionStorage` marker `{returnTo, at}` that stops loops. */
export function createSignInRedirect({
  baseUrl = '',
  navigate,
  storage,
  now = Date.now,
  windowMs = SIGN_IN_RETRY_WINDOW_MS,
}: SignInRedirectOptions): SignInRedirect {
  const remember = (returnTo: string): boolean => {
    try {
      storage?.setItem(MARKER_KEY, JSON.stringify({ returnTo, at: now() }));
      return storage !== undefined;
    } catch {
      return false;
    }
  };
  const recentlyTried = (returnTo: string): boolean => {
    try {
      const marker = JSON.parse(storage?.getItem(MARKER_KEY) ?? 'null') as { returnTo?: unknown; at?: unknown } | null;
      if (marker?.returnTo !== returnTo || typeof marker.at !== 'number') return false;
      const age = now() - marker.at;
      return age >= 0 && age < windowMs;
    } catch {
      return false;
    }
  };

  return {
    start(returnTo) {
      if (recentlyTried(returnTo) || !remember(returnTo)) return false;
      navigate(signInUrl(returnTo, baseUrl));
      return true;
    },
    force(returnTo) {
      remember(returnTo);
      navigate(signInUrl(returnTo, baseUrl));
    },
    done() {
      try {
        storage?.removeItem(MARKER_KEY);
      } catch {
        // Nothing to forget when storage is unusable.
      }
    },
  };
}

/** `window.sessionStorage`, or `undefined` where touching it throws (storage disabled). */
export function browserSessionStorage(): MarkerStorage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    return undefined;
  }
}
