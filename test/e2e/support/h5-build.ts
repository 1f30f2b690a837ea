import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The H5 build the BFF serves in end-to-end tests and the timing bench. */
export const H5_DIR = resolve(__dirname, '../../../dist/h5');

/** Throws with the command to run when there is no H5 build: these tests drive the built app, never the sources. */
export function requireH5Build(dir = H5_DIR): string {
  if (!existsSync(join(dir, 'index.html'))) {
    throw new Error(`No H5 build at ${dir}/index.html. Run \`npm run build:h5\` first (\`npm test\` builds it).`);
  }
  return dir;
}
