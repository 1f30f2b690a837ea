import { createHash } from 'node:crypto';
import { answerKind, inlineScriptHashes } from '../../../server/http/middleware/security-headers';

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

describe('inline script hashes', () => {
  it.each([
    ['an inline script', '<script>a()</script>', [sha256('a()')]],
    ['its exact text, whitespace included', '<script>\n  a();\n</script>', [sha256('\n  a();\n')]],
    ['attributes other than src', '<script type="module" defer>b()</script>', [sha256('b()')]],
    ['any case of the end tag', '<SCRIPT>c()</SCRIPT >', [sha256('c()')]],
    ['no script with src', '<script defer src="/js/app.js"></script><script src=x.js></script>', []],
    ['one hash for the same text twice', '<script>d()</script><script>d()</script>', [sha256('d()')]],
    ['no script at all', '<!doctype html><title>x</title>', []],
  ])('hashes %s', (_what, html, expected) => {
    expect(inlineScriptHashes(html)).toEqual(expected);
  });
});

describe('answer kind', () => {
  it.each([
    ['/pages/live/index', true, 'h5'],
    ['/', true, 'h5'],
    ['/staffing', true, 'h5'],
    ['/staff', true, 'staff'],
    ['/staff/lives/new', true, 'staff'],
    ['/api/session/h5/callback', true, 'signIn'],
    ['/api/lives/x', false, 'api'],
    ['/js/app.1234abcd.js', false, 'api'],
    ['/staff/assets/main.js', false, 'api'],
  ] as const)('%s (html: %s) is %s', (path, html, kind) => {
    expect(answerKind(path, html)).toBe(kind);
  });
});
