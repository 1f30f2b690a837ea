import { useId, useState } from 'react';
import { isCampaignTag } from '../../../../shared/campaign-tag';
import { CopyButton } from '../components/copy-button';
import { GeneratedImage } from '../components/generated-image';
import { Link } from '../components/link';
import { ErrorState, Loading } from '../components/state-views';
import { navigate, routeHref } from '../router';
import { useStaff } from '../staff-context';
import { useRequest } from '../use-request';

/**
 * `/staff/lives/:id/share?from=TAG`: the stable links, their QR code, the mini program code and the poster, all
 * carrying the campaign tag in the page's query (so the page itself can be shared with a colleague).
 */
export function SharePage({ livingId, from }: { livingId: string; from: string | undefined }) {
  const { api } = useStaff();
  const kit = useRequest(() => api.shareKit(livingId, from), `share:${livingId}:${from ?? ''}`);
  const [tag, setTag] = useState(from ?? '');
  const tagValid = tag === '' || isCampaignTag(tag);

  function applyTag() {
    if (!tagValid) return;
    const href = routeHref({ name: 'share', livingId }) + (tag ? `?from=${encodeURIComponent(tag)}` : '');
    navigate(href, { replace: true });
  }

  return (
    <main className="page">
      <p className="crumbs">
        <Link href={routeHref({ name: 'lives' })}>直播列表</Link> / 分享物料
      </p>
      <div className="page__head">
        <h1>{kit.data?.theme ?? '分享物料'}</h1>
        <Link className="button" href={routeHref({ name: 'stats', livingId })}>
          查看数据
        </Link>
      </div>
      <section className="panel">
        <h2>渠道标记</h2>
        <form
          className="tag-form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            applyTag();
          }}
        >
          <input
            name="from"
            aria-label="渠道标记"
            value={tag}
            placeholder="例如 wechat_group_1"
            maxLength={32}
            aria-invalid={!tagValid}
            onChange={(event) => setTag(event.target.value.trim())}
          />
          <button type="submit" className="button button--primary" disabled={!tagValid}>
            更新链接和图片
          </button>
        </form>
        <p className={tagValid ? 'muted' : 'field__error'}>
          {tagValid
            ? '给不同渠道的链接加上标记（1–32 位字母、数字、_ 或 -），数据页按标记统计转化。留空则不带标记。'
            : '标记只能包含字母、数字、_ 和 -，最多 32 位'}
        </p>
      </section>
      {kit.status === 'loading' && !kit.data && <Loading />}
      {kit.status === 'error' && <ErrorState error={kit.error} onRetry={kit.reload} />}
      {kit.data && (
        <>
          <section className="panel">
            <h2>稳定链接</h2>
            <LinkRow label="直播页" href={kit.data.links.live} />
            <LinkRow label="回放页" href={kit.data.links.replay} />
          </section>
          <div className="grid grid--three">
            <section className="panel image-panel">
              <h2>链接二维码</h2>
              <GeneratedImage src={kit.data.images.linkQr} alt="直播页链接的二维码" downloadLabel="下载二维码" />
            </section>
            <section className="panel image-panel">
              <h2>小程序码</h2>
              <GeneratedImage
                src={kit.data.images.miniProgramCode}
                alt="直播页的小程序码"
                downloadLabel="下载小程序码"
              />
            </section>
            <section className="panel image-panel">
              <h2>海报</h2>
              <GeneratedImage src={kit.data.images.poster} alt="直播海报预览" downloadLabel="下载海报" poster />
            </section>
          </div>
        </>
      )}
    </main>
  );
}

/** A read-only link with its visible label (the input's accessible name) and a copy button. */
function LinkRow({ label, href }: { label: string; href: string }) {
  const id = useId();
  return (
    <div className="link-row">
      <label className="link-row__label" htmlFor={id}>
        {label}
      </label>
      <input id={id} className="link-row__url" readOnly value={href} onFocus={(event) => event.target.select()} />
      <CopyButton text={href} label="复制链接" />
    </div>
  );
}
