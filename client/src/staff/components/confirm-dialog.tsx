import { useEffect, useRef, useState, type ReactNode } from 'react';
import { describeError } from '../error-messages';

export interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  /** What the person ticks to unlock the button: says in their words what will happen. */
  acknowledgement: string;
  confirmLabel: string;
  /** The request; a failure stays in the dialog with its message, so the person sees why. */
  onConfirm: () => Promise<void>;
  onClose: () => void;
}

/**
 * A step between a destructive button and its request: the person reads what will happen, ticks that they
 * understand, then confirms. Escape or 返回 closes it; the first focus is on the tick box, not the red button.
 */
export function ConfirmDialog({
  title,
  children,
  acknowledgement,
  confirmLabel,
  onConfirm,
  onClose,
}: ConfirmDialogProps) {
  const [acknowledged, setAcknowledged] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const checkbox = useRef<HTMLInputElement>(null);
  useEffect(() => {
    checkbox.current?.focus();
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && !busy && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [busy, onClose]);

  async function confirm() {
    setBusy(true);
    setError(undefined);
    try {
      await onConfirm();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  return (
    <div className="dialog-backdrop">
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="dialog-title">
        <h2 id="dialog-title">{title}</h2>
        <div className="dialog__body">{children}</div>
        <label className="dialog__ack">
          <input
            ref={checkbox}
            type="checkbox"
            checked={acknowledged}
            onChange={(event) => setAcknowledged(event.target.checked)}
          />
          {acknowledgement}
        </label>
        {error !== undefined && (
          <p className="form-error" role="alert">
            {describeError(error)}
          </p>
        )}
        <div className="dialog__actions">
          {/* Not "取消": beside "取消直播" that word would mean both "close" and "cancel the live". */}
          <button type="button" className="button" onClick={onClose} disabled={busy}>
            返回
          </button>
          <button
            type="button"
            className="button button--danger"
            disabled={!acknowledged || busy}
            onClick={() => void confirm()}
          >
            {busy ? '处理中…' : confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
