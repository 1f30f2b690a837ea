import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The staff console build the BFF serves at /staff in end-to-end tests. */
export const STAFF_DIR = resolve(__dirname, '../../../dist/staff');

/** Throws with the command to run when the console is not built: the tests drive the built console. */
export function requireStaffBuild(dir = STAFF_DIR): string {
  if (!existsSync(join(dir, 'index.html'))) {
    throw new Error(
      `No staff console build at ${dir}/index.html. Run \`npm run build:staff\` first (\`npm test\` builds it).`,
    );
  }
  return dir;
}
