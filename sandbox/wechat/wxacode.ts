import { Resvg } from '@resvg/resvg-js';
import QRCode from 'qrcode';
import { HOME_PAGE, LIVE_PAGE } from '../../shared/paths';
import { parseJsonObject, type ApiRequest, type SandboxState } from '../core/endpoint';
import { wechatError, type ErrorBody } from '../core/platform-errors';

/** WeChat's published limit for getwxacodeunlimit: 5,000 calls a minute per mini program (45009 beyond). */
export const WXACODES_PER_MINUTE = 5000;

/**
 * The pages of the released mini program (`check_path: true` accepts only these): the app's own pages, written as
 * WeChat wants them, without the leading `/`.
 */
export const MINI_PROGRAM_PAGES: readonly string[] = [HOME_PAGE, LIVE_PAGE].map((page) => page.slice(1));

/** WeChat's own description of a scene: up to 32 of digits, letters and `!#$&'()*+,/:;=?@-._~`. */
const SCENE_CHARACTERS = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]*$/;
const ENV_VERSIONS = new Set(['release', 'trial', 'develop']);
const MIN_WIDTH = 280;
const MAX_WIDTH = 1280;
const DEFAULT_WIDTH = 430;

/** A code drawn: the image bytes and the Content-Type WeChat sends them with. */
export interface WxacodeImage {
  image: Buffer;
  contentType: string;
}

export type WxacodeAnswer = WxacodeImage | ErrorBody;

/**
 * `POST /wxa/getwxacodeunlimit?access_token` with the JSON body `{scene, page?, check_path?, env_version?, width?}`
 * → the image itself on success (no JSON at all), `{errcode, errmsg}` as JSON on failure. The token must be the
 * mini program's own (`stable_token` with its app id): 41001 missing, 40001 unknown or invalidated, 42001 expired,
 * 48001 a token of another account (the service account may not make mini program codes: "api unauthorized").
 * Then 45009 past 5,000 a minute, 47001 for a body that is not a JSON object or a field of the wrong type,
 * 40169 for a scene that is missing, empty or longer than 32 ("invalid length for scene"), 40129 for a character
 * outside WeChat's set ("invalid scene"), 41030 for a page that starts with `/`, carries a query, or (with
 * `check_path`, the default) is not a page of the released mini program ("invalid page"), 40097 for an unknown
 * `env_version`. `width` is kept within 280–1280 as WeChat documents (default 430).
 *
 * The image is an ordinary QR code of `scene|page`, `width` pixels wide, sent as `image/png`: WeChat's round codes
 * cannot be drawn here, and nothing but WeChat's own scanner reads them anyway.
 */
export async function getwxacodeUnlimit(req: ApiRequest, state: SandboxState): Promise<WxacodeAnswer> {
  const fail = (errcode: number) => wechatError(errcode, state.now());
  if (req.method !== 'POST') return fail(43002);
  const token = req.query.access_token;
  if (!token) return fail(41001);
  const check = state.stableTokens.check(token);
  if (!check.ok) return fail(check.errcode);
  if (check.owner !== state.credentials.miniAppId) return fail(48001);
  if (!state.limiter.take(`wechat:${check.owner}:getwxacodeunlimit`, WXACODES_PER_MINUTE)) return fail(45009);
  const body = parseJsonObject(req.rawBody);
  if (!body) return fail(47001);
  const {
    scene,
    page = HOME_PAGE.slice(1),
    check_path: checkPath = true,
    env_version: envVersion = 'release',
    width = DEFAULT_WIDTH,
  } = body;
  if (scene !== undefined && typeof scene !== 'string') return fail(47001);
  if (typeof page !== 'string' || typeof checkPath !== 'boolean' || typeof envVersion !== 'string') {
    return fail(47001);
  }
  if (typeof width !== 'number' || !Number.isFinite(width)) return fail(47001);
  if (!scene || scene.length > 32) return fail(40169);
  if (!SCENE_CHARACTERS.test(scene)) return fail(40129);
  if (page.startsWith('/') || page.includes('?')) return fail(41030);
  if (checkPath && !MINI_PROGRAM_PAGES.includes(page)) return fail(41030);
  if (!ENV_VERSIONS.has(envVersion)) return fail(40097);
  const pixels = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, Math.round(width)));
  // Drawn as SVG and rasterised natively: qrcode's own PNG writer takes seconds for a large code under jest.
  const svg = await QRCode.toString(`${scene}|${page}`, { type: 'svg', margin: 2, width: pixels });
  const image = new Resvg(svg, { fitTo: { mode: 'width', value: pixels }, font: { loadSystemFonts: false } })
    .render()
    .asPng();
  return { image, contentType: 'image/png' };
}
