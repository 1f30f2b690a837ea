import { createHash } from 'node:crypto';
import type { Context, Middleware } from 'koa';
import type { Logger } from 'pino';
import { firstRequestOf } from '../../../shared/first-request';
import { HOME_WORDS, liveCardView } from '../../../shared/live-card-view';
import { shortLinkPath } from '../../../shared/paths';
import { detectWechatEnv } from '../../../shared/wechat-env';
import { isAppError } from '../../errors/app-error';
import type { LiveCardService } from '../../lives/live-card-service';
import type { LiveListService } from '../../lives/live-list-service';
import { representCard } from '../card-representation';
import { homeFirstScreenHtml, liveFirstScreenHtml, type DrawOptions } from '../h5-page/first-screen-html';
import { APP_START_PATH, APP_START_SCRIPT } from '../h5-page/app-start';
import { loadH5Shell, type H5Shell, type ShellFill } from '../h5-page/h5-shell';
import { isH5File, isOwnedByApi } from './static-h5';

export interface H5PagesOptions {
  /** The H5 build (dist/h5). */
  h5Dir: string;
  publicOrigin: string;
  cards: LiveCardService;
  lists: LiveListService;
  /** The audience's wall clock for times drawn into the HTML (`VIEWER_TIME_ZONE`). */
  timeZone: string;
  logger: Logger;
  now?: () => number;
}

/**
 * The pages of the H5 single-page app: any GET that is neither a file nor the API's gets the build's index.html, so
 * deep links such as `/pages/live/index?id=…` survive a reload. Home and a live page arrive with their first screen
 * drawn in (the card as plain HTML and CSS, and its JSON for the app's first render), from the same cache the API
 * answers from; when that answer is an error (no such live, a refused lookup, WeCom down) the page comes without
 * it and the app asks, and shows the error, itself. Never cached without asking (`no-cache`), with an ETag over the
 * HTML, so a reload of an unchanged page is a 304.
 */
const weakEtag = (html: string) => `W/"${createHash('sha1').update(html).digest('base64url').slice(0, 27)}"`;

export function h5Pages({
  h5Dir,
  publicOrigin,
  cards,
  lists,
  timeZone,
  logger,
  now = Date.now,
}: H5PagesOptions): Middleware {
  const shell = loadH5Shell(h5Dir, publicOrigin);
  const plainEtag = shell && weakEtag(shell.plain);
  return async (ctx, next) => {
    if (!shell || (ctx.method !== 'GET' && ctx.method !== 'HEAD') || isOwnedByApi(ctx.path)) return next();
    if (ctx.path === APP_START_PATH) {
      ctx.type = 'application/javascript; charset=utf-8';
      ctx.set('Cache-Control', 'public, max-age=31536000, immutable');
      ctx.body = APP_START_SCRIPT;
      return;
    }
    if (isH5File(ctx.path)) return next();
    const drawn = await pageWithFirstScreen(ctx, shell);
    const html = drawn ?? shell.plain;
    ctx.type = 'html';
    ctx.set('Cache-Control', 'no-cache');
    // The first screen's action is drawn for the browser the User-Agent names.
    ctx.vary('User-Agent');
    ctx.etag = drawn === undefined ? plainEtag! : weakEtag(drawn);
    ctx.status = 200;
    if (ctx.fresh) {
      ctx.status = 304;
      return;
    }
    ctx.body = html;
  };

  async function pageWithFirstScreen(ctx: Context, shell: H5Shell): Promise<string | undefined> {
    const first = firstRequestOf(new URL(ctx.url, publicOrigin));
    if (!first) return undefined;
    const draw: DrawOptions = { now: now(), timeZone, env: detectWechatEnv(ctx.get('User-Agent')) };
    let fill: ShellFill;
    try {
      if (first.kind === 'lives') {
        const lives = await lists.list();
        fill = {
          page: 'home',
          title: HOME_WORDS.title,
          description: HOME_WORDS.subtitle,
          url: `${publicOrigin}/`,
          markup: homeFirstScreenHtml(lives, draw),
          data: { page: 'home', lives },
        };
      } else {
        // The same lookup as `GET /api/lives/:id`: the same cache, the same lane for lives nobody knows.
        const { card } = await cards.lookup(first.livingId, { ip: ctx.ip });
        const view = liveCardView(card, { now: draw.now, timeZone, replayAsked: first.replay });
        fill = {
          page: 'live',
          title: view.theme,
          description: `${view.statusLabel} · ${view.when} · ${view.description}`,
          url: `${publicOrigin}${shortLinkPath(card.livingId, first.replay)}`,
          markup: liveFirstScreenHtml(view, draw.env),
          data: { page: 'live', live: card, etag: representCard(card).etag },
        };
      }
    } catch (err) {
      // The app will ask the API, which answers with this same error, and show it.
      if (!isAppError(err)) logger.warn({ err, path: ctx.path }, 'first screen not drawn');
      return undefined;
    }
    return shell.render(fill);
  }
}
