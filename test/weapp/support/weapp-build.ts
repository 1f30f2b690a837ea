import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The mini program build these checks read; `npm test` builds it first (`npm run build:weapp` alone also does). */
export const WEAPP_DIR = process.env.WEAPP_DIR ?? join(__dirname, '../../../dist/weapp');

export function assertWeappBuilt(dir = WEAPP_DIR): string {
  if (!existsSync(join(dir, 'app.json'))) throw new Error(`${dir} has no app.json: run \`npm run build:weapp\` first`);
  return dir;
}

/** Every file of the build, relative to it, `/`-separated. */
export function weappFiles(dir = WEAPP_DIR): string[] {
  const walk = (folder: string): string[] =>
    readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? walk(join(folder, entry.name)) : [join(folder, entry.name)],
    );
  return walk(dir).map((file) => relative(dir, file).split('\\').join('/'));
}
