import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

/** The rule sets the pages must pass: WCAG 2.0 and 2.1 A and AA, and axe's best practices. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] as const;

/** What fails a page: axe's two worst impacts. Moderate and minor findings are not counted. */
const BLOCKING = new Set(['serious', 'critical']);

/** One axe violation, cut down to what a failure message needs. */
export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string; html: string; summary: string }[];
}

let source: string | undefined;
const axeSource = () => (source ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));

/**
 * Runs axe-core (injected through the DevTools protocol, so the page's Content-Security-Policy does not stop it)
 * over the whole document with {@link AXE_TAGS}, and returns every violation (see `blockingOnly`).
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const injected = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object');
  // A string, not a function: axe's source defines `window.axe` when evaluated as a script.
  if (!injected) await page.evaluate(`${axeSource()}\n;void 0`);
  return page.evaluate(
    // A string again: the test transform would add helpers that do not exist in the page.
    `(async () => {
      const result = await window.axe.run(document, {
        runOnly: { type: 'tag', values: ${JSON.stringify(AXE_TAGS)} },
        resultTypes: ['violations'],
      });
      return result.violations.map((v) => ({
        id: v.id,
        impact: v.impact || 'unknown',
        help: v.help,
        nodes: v.nodes.map((n) => ({
          target: n.target.map(String).join(' '),
          html: n.html.slice(0, 160),
          summary: (n.failureSummary || '').replace(/\\s+/g, ' ').slice(0, 200),
        })),
      }));
    })()`,
  ) as Promise<AxeViolation[]>;
}

/** Keeps the violations of a blocking impact (serious, critical). */
export const blockingOnly = (violations: AxeViolation[]) => violations.filter((v) => BLOCKING.has(v.impact));

/**
 * A readable account of `violations` on `where`: per rule its id, impact and help, then up to five of its nodes
 * (selector, HTML snippet, axe's summary). Empty when there are none, so `expect(text).toBe('')` shows it whole.
 */
export function describeViolations(where: string, violations: AxeViolation[]): string {
  if (violations.length === 0) return '';
  const lines = [`${where}: ${violations.length} axe rule(s) violated`];
  for (const v of violations) {
    lines.push(`  ${v.id} (${v.impact}, ${v.nodes.length} node(s)): ${v.help}`);
    for (const n of v.nodes.slice(0, 5)) lines.push(`    ${n.target}\n      ${n.html}\n      ${n.summary}`);
    if (v.nodes.length > 5) lines.push(`    … and ${v.nodes.length - 5} more`);
  }
  return lines.join('\n');
}

/**
 * The serious and critical axe violations of the page as it is now, described for a failure message (`''` when
 * there are none): `expect(await axeReport(page, 'home')).toBe('')`.
 */
export async function axeReport(page: Page, where: string): Promise<string> {
  return describeViolations(where, blockingOnly(await axeViolations(page)));
}
