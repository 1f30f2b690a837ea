import { SHORT_LINK_PREFIX } from '../../shared/paths';
import type { StaffShareKit } from '../../shared/staff-api';
import type { LiveCardService } from '../lives/live-card-service';
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
}

/** `/live/ID[?replay=1][&from=TAG]` on the public origin: the stable link the BFF redirects to the live page. */
export function shareLink(publicOrigin: string, { livingId, replay, from }: ShareTarget): string {
  const query = new URLSearchParams({ ...(replay ? { replay: '1' } : {}), ...(from ? { from } : {}) }).toString();
  return `${publicOrigin}${SHORT_LINK_PREFIX}${encodeURIComponent(livingId)}${query ? `?${query}` : ''}`;
}

/**
 * What marketing shares for one live: stable links carrying the campaign tag, a QR code of the link, the mini
 * program code of the live page, and a poster with that code. Every piece checks the live exists first (404
 * otherwise, so no code is drawn for a made-up id).
 */
export function createShareKit({ cards, aliases, codes, renderPoster, publicOrigin }: ShareKitOptions) {
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
      return {
        livingId,
        theme: card.theme,
        ...(from ? { from } : {}),
        links: {
          live: shareLink(publicOrigin, { livingId, replay: false, from }),
          replay: shareLink(publicOrigin, { livingId, replay: true, from }),
        },
        scene,
        images: {
          linkQr: `${images}/link-qr.png${query}`,
          miniProgramCode: `${images}/mini-program-code.png${query}`,
          poster: `${images}/poster.png${query}`,
        },
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
