import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { USER_AGENTS } from '../../test/e2e/support';

/** A document's size as served (decoded) and gzip -9, as `bench/client-size.ts` counts scripts. */
export interface DocumentBytes {
  bytes: number;
  gzip: number;
}

export interface PageHtmlBytes {
  path: string;
  served: DocumentBytes;
}

export interface BuildHtmlBytes {
  /** The build's own `index.html`, the document the app is built around (no server-rendered markup). */
  indexHtml: DocumentBytes;
  pages: PageHtmlBytes[];
}

const sizes = (body: Buffer): DocumentBytes => ({ bytes: body.length, gzip: gzipSync(body, { level: 9 }).length });

/**
 * The HTML document the BFF at `baseUrl` serves for each of `paths`, fetched as a phone browser asks for a page,
 * beside the `index.html` of the build it serves from `h5Dir`: the difference is what the BFF adds to a page
 * (server-rendered first cards, if any).
 */
export async function measureHtmlBytes(baseUrl: string, h5Dir: string, paths: string[]): Promise<BuildHtmlBytes> {
  const pages: PageHtmlBytes[] = [];
  for (const path of paths) {
    const res = await fetch(`${baseUrl}${path}`, {
      headers: { Accept: 'text/html', 'User-Agent': USER_AGENTS.browser },
    });
    if (!res.ok) throw new Error(`GET ${path} answered ${res.status}`);
    pages.push({ path, served: sizes(Buffer.from(await res.arrayBuffer())) });
  }
  return { indexHtml: sizes(readFileSync(join(h5Dir, 'index.html'))), pages };
}
