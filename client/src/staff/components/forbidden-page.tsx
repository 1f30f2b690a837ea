/** 403: who is signed in, and that this account may not see the page (or manage lives). */
export function ForbiddenPage({ userId, reason }: { userId?: string; reason?: string }) {
  return (
    <main className="forbidden" role="alert">
      <h1>无权访问</h1>
      <p>
        {userId ? (
          <>
            当前登录的企业微信账号 <strong className="forbidden__user">{userId}</strong> 没有权限打开这个页面。
          </>
        ) : (
          '当前登录的企业微信账号没有权限打开这个页面。'
        )}
      </p>
      <p className="forbidden__hint">{reason ?? '如需开通，请联系管理员把你加入管理台名单。'}</p>
    </main>
  );
}
