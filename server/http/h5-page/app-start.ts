import { createHash } from 'node:crypto';
import { FIRST_SCREEN_ID } from '../../../shared/first-screen';

/**
 * Marks first-screen markup left out of the first frame (`hidden` too): this script shows it once that frame is
 * painted, so the first frame's layout holds only what must be seen first.
 */
export const AFTER_FIRST_PAINT_ATTRIBUTE = 'data-after-first-paint';

/**
 * The script that starts the H5 app on a page served with its first screen, in place of the build's own
 * `<script defer>` tags. Deferred scripts run as soon as the HTML is parsed, and a browser may run them before it
 * paints anything: on a slow phone the first screen would then wait for the whole app to evaluate. This waits for
 * the frame that paints the first screen, then shows what that frame left out (`AFTER_FIRST_PAINT_ATTRIBUTE`) and
 * adds the entry scripts in their order (`async = false`).
 * Nor are they preloaded while the page is parsed: on a phone of two slow cores their download and background
 * compile (~350 KB) compete with the first screen's layout, which then paints later (~50 ms at 4× CPU,
 * docs/benchmarks.md). The app takes over one request later; the first screen already shows everything it will.
 * A file of its own (this origin's), not inline: the Content-Security-Policy stays as it is.
 */
export const APP_START_SCRIPT = `(function () {
  var me = document.currentScript;
  var entries = ((me && me.getAttribute('data-entries')) || '').split(' ').filter(Boolean);
  function start() {
    var later = document.querySelectorAll('#${FIRST_SCREEN_ID} [${AFTER_FIRST_PAINT_ATTRIBUTE}]');
    for (var i = 0; i < later.length; i++) later[i].removeAttribute('hidden');
    entries.forEach(function (src) {
      var script = document.createElement('script');
      script.src = src;
      script.async = false;
      document.head.appendChild(script);
    });
  }
  // The animation frame comes just before the paint; the timeout, just after it.
  requestAnimationFrame(function () {
    setTimeout(start, 0);
  });
})();
`;

/** Where it is served: named by its content, so it can be cached for good. */
export const APP_START_PATH = `/app-start.${createHash('sha256').update(APP_START_SCRIPT).digest('hex').slice(0, 12)}.js`;

/**
 * The build's entry `<script defer src>` tags of `html`, and what replaces them on a page with a first screen: the
 * app-start script naming them.
 */
export function startAppAfterFirstPaint(html: string): { entryTags: string[]; replacement: string } {
  const entries = [...html.matchAll(/<script defer="defer" src="([^"]+)"><\/script>/g)];
  const start = `<script defer src="${APP_START_PATH}" data-entries="${entries.map(([, src]) => src).join(' ')}"></script>`;
  return { entryTags: entries.map(([tag]) => tag), replacement: entries.length ? start : '' };
}
