import { malformedAnswer } from '../errors/upstream-error';
import type { ImageAnswer } from './image-answer-transport';
import type { WechatClient } from './wechat-client';

export const MINI_PROGRAM_CODE_API = 'wxa/getwxacodeunlimit';

/** Which build of the mini program a code opens (WeChat's `env_version`). */
export type MiniProgramEnv = 'release' | 'trial' | 'develop';

export interface MiniProgramCodeRequest {
  /** ≤ 32 of WeChat's scene characters; the page reads it from its launch query. */
  scene: string;
  /** A page of the mini program without the leading `/`, e.g. `pages/live/index`. */
  page: string;
  /** Pixels, 280–1280. */
  width: number;
}

/** A mini program code as WeChat drew it. */
export interface MiniProgramCodeImage {
  /** From the bytes themselves (`image/png` or `image/jpeg`), not from WeChat's label. */
  contentType: 'image/png' | 'image/jpeg';
  bytes: Buffer;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG_SIGNATURE = Buffer.from([0xff, 0xd8, 0xff]);

function sniff(bytes: Buffer): MiniProgramCodeImage['contentType'] | undefined {
  if (bytes.subarray(0, PNG_SIGNATURE.length).equals(PNG_SIGNATURE)) return 'image/png';
  if (bytes.subarray(0, JPEG_SIGNATURE.length).equals(JPEG_SIGNATURE)) return 'image/jpeg';
  return undefined;
}

/**
 * `wxa/getwxacodeunlimit`: the mini program code of one page and scene, through the mini program's WeChat client
 * (its `stable_token`, refreshed once when refused; its 45009 hold), whose transport must hand image answers over
 * as {@link ImageAnswer}. `check_path` is on, so a page missing from the released mini program is refused (41030):
 * a deployment problem, which the WeChat errcode table marks as misconfiguration (logged as one, 503), not a bad request. Scene errors (40129, 40169) are our own bug and stay
 * plain upstream errors.
 */
export function createMiniProgramCode({
  wechat,
  envVersion = 'release',
}: {
  wechat: WechatClient;
  envVersion?: MiniProgramEnv;
}) {
  return async function miniProgramCode({ scene, page, width }: MiniProgramCodeRequest): Promise<MiniProgramCodeImage> {
    const answer = await wechat.call<Partial<ImageAnswer>>(MINI_PROGRAM_CODE_API, {
      method: 'POST',
      body: { scene, page, check_path: true, env_version: envVersion, width },
    });
    const bytes = answer.image?.bytes;
    const contentType = bytes && sniff(bytes);
    if (!bytes || !contentType) throw malformedAnswer(MINI_PROGRAM_CODE_API, 'answer is not a PNG or JPEG image');
    return { contentType, bytes };
  };
}

export type MiniProgramCode = ReturnType<typeof createMiniProgramCode>;
