import type { ReactNode } from 'react';

export interface ActionButtonProps {
  label: string;
  /** Looks and behaves disabled (the hint says why). */
  disabled?: boolean;
  /** Shows a spinner and ignores taps. */
  loading?: boolean;
  /** A line under the button: why it is disabled, or what went wrong. */
  hint?: string;
  hintTone?: 'muted' | 'error';
  size?: 'small' | 'large';
  onClick?: () => void;
  /** A second, quieter action beside the hint (`复制链接`, `重试`). */
  secondary?: { label: string; onClick: () => void };
  /** Laid exactly over the button, e.g. the H5 open tag that must receive the tap itself. */
  overlay?: ReactNode;
}
