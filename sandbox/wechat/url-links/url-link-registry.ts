import { randomInt } from 'node:crypto';

/** WeChat's daily quota: URL Links and URL Schemes together, per mini program per day (China time). */
export const URL_LINK_DAILY_QUOTA = 500_000;

const DAY_MS = 24 * 3600_000;
/** China is UTC+8 all year (no daylight saving): its day starts at 16:00 UTC. */
const CHINA_OFFSET_MS = 8 * 3600_000;
const chinaDay = (ms: number) => Math.floor((ms + CHINA_OFFSET_MS) / DAY_MS);

/** One URL Link `generate_urllink` handed out. */
export interface IssuedUrlLink {
  /** The id at the end of the link (`…/wxaurl/ID`). */
  id: string;
  url: string;
  /** The page and query it opens, as sent. */
  path: string;
  query: string;
  envVersion: string;
  createdAt: number;
  expiresAt: number;
}

/** Someone followed a URL Link: which one, and the live it names (read from its query as the page would). */
export interface UrlLinkOpen {
  linkId: string;
  url: string;
  at: number;
  path: string;
  query: string;
  /** `id` of the query, when it has one. */
  livingId?: string;
  replay: boolean;
  /** `from` of the query (a campaign tag), when it has one. */
  from?: string;
  /** The link had expired: WeChat shows its "link expired" page and opens nothing. */
  expired: boolean;
  userAgent: string;
}

/** What tests may see and do about URL Links. */
export interface SandboxUrlLinks {
  /** Every link handed out, oldest first. */
  issued(): IssuedUrlLink[];
  /** Every visit to a link's page, oldest first (expired and unknown links included: `expired`, no `livingId`). */
  opens(): UrlLinkOpen[];
  /** Links and schemes generated today (China day), the number the quota is counted against. */
  usedToday(): number;
  /** The daily quota (default 500,000); `used` sets today's count, e.g. to the quota to exhaust it. */
  setQuota(options: { perDay?: number; used?: number }): void;
  quota(): { perDay: number; usedToday: number };
  /** Every link handed out expires now: its page says so. */
  expireAll(): void;
}

const ID_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const randomLinkId = () => Array.from({ length: 12 }, () => ID_ALPHABET[randomInt(ID_ALPHABET.length)]).join('');

/** The links, the day's count against the quota, and the opens, on the sandbox's clock. */
export function createUrlLinkRegistry({ now, perDay = URL_LINK_DAILY_QUOTA }: { now: () => number; perDay?: number }) {
  const defaultQuota = perDay;
  let quota = perDay;
  const links = new Map<string, IssuedUrlLink>();
  const opened: UrlLinkOpen[] = [];
  let day = chinaDay(now());
  let used = 0;
  const today = () => {
    const current = chinaDay(now());
    if (current !== day) {
      day = current;
      used = 0;
    }
    return used;
  };

  return {
    /** Counts one generation against today's quota; false (nothing counted) when it is spent. */
    take(): boolean {
      if (today() >= quota) return false;
      used++;
      return true;
    },
    issue({
      origin,
      path,
      query,
      envVersion,
      expireDays,
    }: {
      /** The sandbox's origin, where it serves the link's page; none: a link as WeChat makes them (`wxaurl.cn`). */
      origin: string | undefined;
      path: string;
      query: string;
      envVersion: string;
      expireDays: number;
    }): IssuedUrlLink {
      const id = randomLinkId();
      const createdAt = now();
      const link: IssuedUrlLink = {
        id,
        url: origin === undefined ? `https://wxaurl.cn/${id}` : `${origin}/wxaurl/${id}`,
        path,
        query,
        envVersion,
        createdAt,
        expiresAt: createdAt + expireDays * DAY_MS,
      };
      links.set(id, link);
      return link;
    },
    /** Records a visit to `/wxaurl/ID`; the link, or undefined for one never issued. */
    open(id: string, userAgent: string): { link: IssuedUrlLink | undefined; open: UrlLinkOpen } {
      const link = links.get(id);
      const at = now();
      const params = new URLSearchParams(link?.query ?? '');
      const livingId = params.get('id') ?? undefined;
      const from = params.get('from') ?? undefined;
      const open: UrlLinkOpen = {
        linkId: id,
        url: link?.url ?? '',
        at,
        path: link?.path ?? '',
        query: link?.query ?? '',
        ...(link && livingId !== undefined ? { livingId } : {}),
        replay: params.get('replay') === '1',
        ...(link && from !== undefined ? { from } : {}),
        expired: link !== undefined && link.expiresAt <= at,
        userAgent,
      };
      opened.push(open);
      return { link, open };
    },
    handle: {
      issued: () => [...links.values()],
      opens: () => [...opened],
      usedToday: () => today(),
      setQuota({ perDay: next, used: count }: { perDay?: number; used?: number }) {
        today();
        if (next !== undefined) quota = next;
        if (count !== undefined) used = count;
      },
      quota: () => ({ perDay: quota, usedToday: today() }),
      expireAll() {
        const at = now();
        for (const link of links.values()) link.expiresAt = Math.min(link.expiresAt, at);
      },
    } satisfies SandboxUrlLinks,
    clear() {
      links.clear();
      opened.length = 0;
      quota = defaultQuota;
      used = 0;
      day = chinaDay(now());
    },
  };
}

export type UrlLinkRegistry = ReturnType<typeof createUrlLinkRegistry>;
