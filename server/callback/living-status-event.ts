import { XMLParser } from 'fast-xml-parser';
import { isLivingId } from '../../shared/living-id';

/** WeCom's `living_status_change`, as far as this product reads it. */
export interface LivingStatusEvent {
  /** The corp the event is for (`ToUserName`). */
  corpId: string;
  livingId: string;
  /** WeCom's status 0–4 (0 reserved, 1 live, 2 ended, 3 expired, 4 cancelled). */
  status: number;
  /** Unix seconds: orders events of one live, and with the rest names the event for de-duplication. */
  createTime: number;
}

/**
 * Entities are never expanded (no XML bombs, no external references) and values stay strings until checked here;
 * the body's size is capped before it gets this far.
 */
const parser = new XMLParser({
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
});

/** The root `<xml>` element's fields as strings, or `undefined` when the text is not such a document. */
export function xmlFields(text: string): Record<string, unknown> | undefined {
  let doc: unknown;
  try {
    doc = parser.parse(text, true);
  } catch {
    return undefined;
  }
  const root = (doc as { xml?: unknown } | null)?.xml;
  return root && typeof root === 'object' && !Array.isArray(root) ? (root as Record<string, unknown>) : undefined;
}

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** The event inside a decrypted message; `undefined` when it is not a well-formed `living_status_change`. */
export function parseLivingStatusEvent(message: string): LivingStatusEvent | undefined {
  const f = xmlFields(message);
  if (!f || str(f.MsgType) !== 'event' || str(f.Event) !== 'living_status_change') return undefined;
  const corpId = str(f.ToUserName);
  const livingId = str(f.LivingId);
  const status = Number(str(f.Status));
  const createTime = Number(str(f.CreateTime));
  if (!corpId || !livingId || !isLivingId(livingId)) return undefined;
  if (!Number.isInteger(status) || status < 0 || status > 4) return undefined;
  if (!Number.isInteger(createTime) || createTime <= 0) return undefined;
  return { corpId, livingId, status, createTime };
}
