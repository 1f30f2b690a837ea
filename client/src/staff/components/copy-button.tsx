import { useEffect, useState } from 'react';
import { copyText } from './copy-text';

/** Copies `text`; says "已复制" for a moment, or, if the browser refused, asks to copy by hand. */
export function CopyButton({ text, label = '复制' }: { text: string; label?: string }) {
  const [outcome, setOutcome] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (outcome === 'idle') return;
    const timer = setTimeout(() => setOutcome('idle'), 2000);
    return () => clearTimeout(timer);
  }, [outcome]);
  return (
    <button
      type="button"
      className="button button--small"
      onClick={() => void copyText(text).then((ok) => setOutcome(ok ? 'copied' : 'failed'))}
    >
      {outcome === 'copied' ? '已复制' : outcome === 'failed' ? '请手动复制' : label}
    </button>
  );
}
