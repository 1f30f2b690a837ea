import { formatStartTime } from '../../shared/live-card-view';
import { SHORT_LINK_PREFIX } from '../../shared/paths';
import type { StaffShareKit } from '../../shared/staff-api';
import type { LiveCardService } from '../lives/live-card-service';
import { livePagePath } from '../url-links/live-page-query';
import type { UrlLinkService } from '../url-links/url-link-service';
import type { MiniProgramCodeImage } from '../wechat/mini-program-code';
import { linkQrPng } from './link-qr';
import type { LivePageCodes } from './live-page-codes';
import type { PosterRenderer } from './poster';
import type { SceneAliases } from './scene-aliases';

/** One live's link, code or poster: the live or its replay, with a campaign tag or none. */
export interface ShareTarget {
  livingId: string;
  replay: boolean;
  from?: string;
}

export interface ShareKitOptions {
  cards: Pick<LiveCardService, 'get'>;
  aliases: SceneAliases;
  codes: LivePageCodes;
  renderPoster: PosterRenderer;
  /** Where the H5 pages are served: links are absolute on it. */
  publicOrigin: string;
  /** WeChat URL Links to the live page, per live + replay + tag. */
  urlLinks: Pick<UrlLinkService, 'linkFor'>;
  /** Our mini program's appid, for the mini program cards of the service account's articles and menus. */
  miniAppId: string;
  now?: () => number;
}

/** Viewers are in China, whatever the server's time zone. */
const CHINA_TIME_ZONE = 'Asia/Shanghai';

/**
 * The ready SMS text for a live or its replay: the theme, the start time in China (a date, never 今天/明天: an SMS
 * is read on another day than it is written) and the link.
 */
export function smsText(theme: string, startsAt: string, replay: boolean, link: string, now: Date): string {
  const start = formatStartTime(startsAt, now, CHINA_TIME_ZONE, { relative: false });
  return replay
    ? `「${theme}」直播回放（${start}），点此观看：${link}`
    : `「${theme}」${start} 开播，点此观看：${link}`;
}

/** `/live/ID[?replay=1][&from=TAG]` on the public origin: the stable link the BFF redirects to the live page. */
export function shareLink(publicOrigin: string, { livingId, replay, from }: ShareTarget): string {
  const query = new URLSearchParams({ ...(replay ? { replay: '1' } : {}), ...(from ? { from } : {}) }).toString();
  return `${publicOrigin}${SHORT_LINK_PREFIX}${encodeURIComponent(livingId)}${query ? `?${query}` : ''}`;
}

/**
 * What marketing shares for one live: stable links carrying the campaign tag, a QR code of the link, the mini
 * program code of the live page, a poster with that code, WeChat URL Links (for SMS, email and other apps) with
 * ready SMS texts, and the live page's path for the service account's mini program cards. Every piece checks the live exists first (404
 * otherwise, so no code is drawn for a made-up id).
 */
export function createShareKit({
  cards,
  aliases,
  codes,
  renderPoster,
  publicOrigin,
  urlLinks,
  miniAppId,
  now = Date.now,
}: ShareKitOptions) {
  async function miniProgramCode(target: ShareTarget): Promise<MiniProgramCodeImage> {
    return codes(await aliases.sceneFor(target));
  }

  return {
    async kit(livingId: string, from?: string): Promise<StaffShareKit> {
      const card = await cards.get(livingId);
      // Shown, not printed: the alias is stored (and renewed) where a code is drawn for it.
      const scene = aliases.sceneOf({ livingId, replay: false, ...(from ? { from } : {}) });
      const query = from ? `?${new URLSearchParams({ from })}` : '';
      const images = `/api/staff/lives/${encodeURIComponent(livingId)}`;
      const live = { livingId, replay: false, ...(from ? { from } : {}) };
      const replay = { ...live, replay: true };
      const links = { live: shareLink(publicOrigin, live), replay: shareLink(publicOrigin, replay) };
      const [liveLink, replayLink] = await Promise.all([urlLinks.linkFor(live), urlLinks.linkFor(replay)]);
      const at = new Date(now());
      return {
        livingId,
        theme: card.theme,
        ...(from ? { from } : {}),
        links,
        scene,
        images: {
          linkQr: `${images}/link-qr.png${query}`,
          miniProgramCode: `${images}/mini-program-code.png${query}`,
          poster: `${images}/poster.png${query}`,
        },
        urlLinks: { live: liveLink?.url ?? null, replay: replayLink?.url ?? null },
        sms: {
          live: smsText(card.theme, card.startsAt, false, liveLink?.url ?? links.live, at),
          replay: smsText(card.theme, card.startsAt, true, replayLink?.url ?? links.replay, at),
        },
        miniProgram: { appId: miniAppId, paths: { live: livePagePath(live), replay: livePagePath(replay) } },
      };
    },
    async linkQr(target: ShareTarget): Promise<Buffer> {
      await cards.get(target.livingId);
      return linkQrPng(shareLink(publicOrigin, target));
    },
    async miniProgramCode(target: ShareTarget): Promise<MiniProgramCodeImage> {
      await cards.get(target.livingId);
      return miniProgramCode(target);
    },
    async poster(target: ShareTarget): Promise<Buffer> {
      const card = await cards.get(target.livingId);
      return renderPoster(card, { replay: target.replay, code: await miniProgramCode(target) });
    },
  };
}

export type ShareKit = ReturnType<typeof createShareKit>;
