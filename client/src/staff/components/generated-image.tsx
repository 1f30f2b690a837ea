import { useState } from 'react';

export interface GeneratedImageProps {
  src: string;
  alt: string;
  /** What the download link says ("下载海报"). */
  downloadLabel: string;
  /** The poster is tall; the codes are square. */
  poster?: boolean;
}

/** `src` asked again: a new query parameter, so neither the browser nor a proxy answers with the failed image. */
const retried = (src: string, attempt: number) =>
  attempt === 0 ? src : `${src}${src.includes('?') ? '&' : '?'}retry=${attempt}`;

/**
 * An image the BFF draws on request (link QR code, mini program code, poster), which can fail (503
 * `POSTER_UNAVAILABLE` when WeCom will not give the mini program code): a placeholder while it loads, "生成失败"
 * and 重试 when it failed, and a download link only for an image that is there to download.
 */
export function GeneratedImage({ src, alt, downloadLabel, poster }: GeneratedImageProps) {
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<'loading' | 'ok' | 'error'>('loading');
  // A new tag (a new src) starts over, as a new image.
  const [shownSrc, setShownSrc] = useState(src);
  if (shownSrc !== src) {
    setShownSrc(src);
    setAttempt(0);
    setState('loading');
  }
  const current = retried(src, attempt);
  const placeholder = `generated-image__placeholder${poster ? ' generated-image__placeholder--poster' : ''}`;

  return (
    <>
      {state === 'loading' && (
        <div className={placeholder} role="status" aria-live="polite">
          <span className="spinner" aria-hidden="true" />
          正在生成…
        </div>
      )}
      {state === 'error' && (
        <div className={placeholder} role="alert">
          生成失败
          <button
            type="button"
            className="button button--small"
            onClick={() => {
              setAttempt((n) => n + 1);
              setState('loading');
            }}
          >
            重试
          </button>
        </div>
      )}
      {/* Always in the page while not failed, so it loads; hidden until it has. */}
      {state !== 'error' && (
        <img
          key={current}
          className={poster ? 'poster' : undefined}
          src={current}
          alt={alt}
          hidden={state !== 'ok'}
          {...(poster ? {} : { width: 200, height: 200 })}
          onLoad={() => setState('ok')}
          onError={() => setState('error')}
        />
      )}
      {state === 'ok' && (
        <a className={`button button--small${poster ? ' button--primary' : ''}`} href={current} download>
          {downloadLabel}
        </a>
      )}
    </>
  );
}
