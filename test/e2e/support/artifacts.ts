import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Where screenshots go (gitignored). */
export const ARTIFACTS_DIR = resolve(__dirname, '../../../test-artifacts');

/** The path for an artifact file, creating the folder on first use. */
export function artifactPath(name: string): string {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  return join(ARTIFACTS_DIR, name);
}
