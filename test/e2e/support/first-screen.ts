import type { Page } from 'playwright-core';

/**
 * Serves `page` its documents as the BFF does when it cannot draw the first screen (`h5-pages.ts`: no such live,
 * WeCom down, the lane says wait): the first screen's markup and data taken out, so the app loads its data itself —
 * how a test reaches the loading skeletons or the early request.
 */
export async function withoutFirstScreen(page: Page): Promise<void> {
  await page.route(
    (url) => !/\.[a-z0-9]+$/i.test(url.pathname) && !url.pathname.startsWith('/api/'),
    async (route) => {
      if (route.request().resourceType() !== 'document') return route.continue();
      const response = await route.fetch();
      const body = (await response.text()).replace(/<div id="first-screen"[^>]*>[\s\S]*?<\/script>(?=<\/body>)/, '');
      await route.fulfill({ response, body });
    },
  );
}
