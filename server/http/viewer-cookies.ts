/** HttpOnly, SameSite=Lax, and Secure when the public origin is https (behind a TLS proxy Koa sees plain HTTP). */
export function viewerCookieOptions(publicOrigin: string) {
  const secure = publicOrigin.startsWith('https:');
  return { httpOnly: true, sameSite: 'lax' as const, secure, path: '/', overwrite: true };
}
