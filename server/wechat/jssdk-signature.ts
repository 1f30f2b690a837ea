import { createHash } from 'node:crypto';
import { withoutFragment } from '../../shared/url';

export interface JssdkSignatureInput {
  ticket: string;
  nonceStr: string;
  timestamp: number;
  /** The page URL; its `#fragment` is not part of what WeChat signs. */
  url: string;
}

/**
 * WeChat JS-SDK signature: sha1 over `jsapi_ticket=…&noncestr=…&timestamp=…&url=…`, keys in that (ASCII) order,
 * values raw (not URL-encoded). `openTagList` is not part of it.
 */
export function jssdkSignature({ ticket, nonceStr, timestamp, url }: JssdkSignatureInput): string {
  const text = `jsapi_ticket=${ticket}&noncestr=${nonceStr}&timestamp=${timestamp}&url=${withoutFragment(url)}`;
  return createHash('sha1').update(text).digest('hex');
}
