import { LIVE_PAGE } from '../../shared/paths';
import type { Store } from '../store/store';
import type { MiniProgramCode, MiniProgramCodeImage } from '../wechat/mini-program-code';

interface StoredCode {
  contentType: MiniProgramCodeImage['contentType'];
  base64: string;
}

export interface LivePageCodesOptions {
  miniProgramCode: MiniProgramCode;
  store: Store;
  /** Pixels; WeChat's default is 430, plenty for a poster and a download. */
  width?: number;
  /** WeChat's codes never expire ("永久有效"); kept this long. Default 30 days. */
  keepMs?: number;
}

/** The live page without its leading `/`, as WeChat wants a page named. */
const LIVE_PAGE_FOR_WECHAT = LIVE_PAGE.slice(1);

/**
 * Mini program codes of the live page, one per scene, kept in the store (base64, JSON-safe) so the share kit, its
 * poster and every reload cost one WeChat call per scene at most, across instances.
 */
export function createLivePageCodes({
  miniProgramCode,
  store,
  width = 430,
  keepMs = 30 * 24 * 3600_000,
}: LivePageCodesOptions) {
  const key = (scene: string) => `wxacode:${width}:${scene}`;
  const decode = ({ contentType, base64 }: StoredCode): MiniProgramCodeImage => ({
    contentType,
    bytes: Buffer.from(base64, 'base64'),
  });

  return async function codeFor(scene: string): Promise<MiniProgramCodeImage> {
    const cached = await store.get<StoredCode>(key(scene));
    if (cached) return decode(cached);
    return decode(
      await store.singleFlight(key(scene), async () => {
        const again = await store.get<StoredCode>(key(scene));
        if (again) return again;
        const image = await miniProgramCode({ scene, page: LIVE_PAGE_FOR_WECHAT, width });
        const stored: StoredCode = { contentType: image.contentType, base64: image.bytes.toString('base64') };
        await store.set(key(scene), stored, keepMs);
        return stored;
      }),
    );
  };
}

export type LivePageCodes = ReturnType<typeof createLivePageCodes>;
