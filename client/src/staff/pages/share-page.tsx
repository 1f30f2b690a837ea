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
 * `/staff/lives/:id/share?from=TAG`: the stable links, the WeChat URL Links (SMS, email, other apps), the ready SMS
 * texts, the mini program's appid and live page paths (the service account's article cards), the links' QR code,
 * the mini program code and the poster, all carrying the campaign tag in the page's query (so the page itself can be
 * shared with a colleague).
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
            <CopyRow label="直播页" value={kit.data.links.live} copyLabel="复制链接" />
            <CopyRow label="回放页" value={kit.data.links.replay} copyLabel="复制链接" />
          </section>
          <section className="panel">
            <h2>微信外打开（URL Link）</h2>
            <p className="muted">
              短信、邮件和其他 App
              里点开，直接跳到微信里的小程序直播页（带上渠道标记）。链接有有效期，投放前请复制最新的。
            </p>
            <UrlLinkRow label="直播页" value={kit.data.urlLinks.live} />
            <UrlLinkRow label="回放页" value={kit.data.urlLinks.replay} />
          </section>
          <section className="panel">
            <h2>短信文案</h2>
            <CopyRow label="直播" value={kit.data.sms.live} copyLabel="复制文案" multiline />
            <CopyRow label="回放" value={kit.data.sms.replay} copyLabel="复制文案" multiline />
            {(!kit.data.urlLinks.live || !kit.data.urlLinks.replay) && (
              <p className="muted footnote">没有 URL Link 时，文案里是稳定链接。</p>
            )}
          </section>
          <section className="panel">
            <h2>公众号文章和菜单的小程序卡片</h2>
            <p className="muted">在公众号编辑器里插入小程序卡片时，填入小程序 AppID 和页面路径。</p>
            <CopyRow label="AppID" value={kit.data.miniProgram.appId} copyLabel="复制 AppID" />
            <CopyRow label="直播页" value={kit.data.miniProgram.paths.live} copyLabel="复制路径" />
            <CopyRow label="回放页" value={kit.data.miniProgram.paths.replay} copyLabel="复制路径" />
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

/**
 * A read-only value (a link, a text, a path) with its visible label (the field's accessible name) and a copy button
 * saying what it copies.
 */
function CopyRow({
  label,
  value,
  copyLabel,
  multiline = false,
}: {
  label: string;
  value: string;
  copyLabel: string;
  multiline?: boolean;
}) {
  const id = useId();
  const select = (event: { target: HTMLInputElement | HTMLTextAreaElement }) => event.target.select();
  return (
    <div className={multiline ? 'link-row link-row--text' : 'link-row'}>
      <label className="link-row__label" htmlFor={id}>
        {label}
      </label>
      {multiline ? (
        <textarea id={id} className="link-row__url" readOnly rows={3} value={value} onFocus={select} />
      ) : (
        <input id={id} className="link-row__url" readOnly value={value} onFocus={select} />
      )}
      <CopyButton text={value} label={copyLabel} />
    </div>
  );
}

/** A URL Link with its copy button, or why there is none now (the stable link above still works). */
function UrlLinkRow({ label, value }: { label: string; value: string | null }) {
  if (value) return <CopyRow label={label} value={value} copyLabel="复制链接" />;
  return (
    <div className="link-row">
      <span className="link-row__label">{label}</span>
      <p className="link-row__none">暂时无法生成（今日额度将满或微信拒绝），请先用上面的稳定链接。</p>
    </div>
  );
}
