const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * The page's only style, inline so the page needs nothing else; its exact text is what the page's
 * Content-Security-Policy allows by hash (`server/http/middleware/security-headers.ts`), so it never varies.
 */
export const SIGN_IN_PAGE_STYLE = `
body{margin:0;font:16px/1.6 -apple-system,"PingFang SC","Microsoft YaHei",sans-serif;background:#f5f6f8;color:#1f2329}
main{max-width:420px;margin:20vh auto 0;padding:32px 24px;text-align:center}
h1{font-size:20px;margin:0 0 8px}
p{color:#646a73;margin:0 0 24px}
a{display:inline-block;padding:10px 28px;border-radius:22px;background:#058844;color:#fff;text-decoration:none}
`;

/**
 * What a viewer sees when the WeChat sign-in round trip cannot finish (a reused, expired or tampered link, or
 * WeChat refusing). A page with one link to try again, never an automatic redirect: a redirect here could loop.
 */
export function signInFailedPage({ retryHref, detail }: { retryHref: string; detail: string }): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>登录未完成</title>
<style>${SIGN_IN_PAGE_STYLE}</style>
</head>
<body>
<main>
<h1>登录未完成</h1>
<p>${escapeHtml(detail)}</p>
<a href="${escapeHtml(retryHref)}">重新进入</a>
</main>
</body>
</html>`;
}
