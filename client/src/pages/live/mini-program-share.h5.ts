/** H5: nothing; the page's JS-SDK share card (`useShareCard`) does it. See `mini-program-share.ts`. */
export function useMiniProgramShare(
  _theme: string | undefined,
  _livingId: string | undefined,
  _replay: boolean,
): void {}
