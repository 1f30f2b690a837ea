import { isApiError } from '../../api/api-error';
import { useNow } from '../../hooks/use-now';
import { ActionButton } from '../action-button';

export interface WaitingInLineProps {
  label: string;
  /** The 503 `UPSTREAM_BUSY` the BFF answered, with the viewer's place. */
  error: unknown;
  /** When the next try starts on its own. */
  retryAt: number | undefined;
}

/** Words for a viewer's place in line, counting down to the moment the page tries again by itself. */
export function waitingWords(position: number, secondsLeft: number): string {
  if (secondsLeft <= 0) return '马上轮到你了，正在进入…';
  return `观看的人很多，你排在第 ${position} 位，约 ${secondsLeft} 秒后自动进入`;
}

/**
 * Many viewers at once and WeCom's budget spent: the viewer waits in line. No tap is needed (the launch target
 * fetches again at `Retry-After`, keeping the place); the button shows the place and a countdown meanwhile.
 */
export function WaitingInLine({ label, error, retryAt }: WaitingInLineProps) {
  const now = useNow(1000);
  const position = isApiError(error) ? (error.queue?.position ?? 1) : 1;
  const secondsLeft = retryAt === undefined ? 0 : Math.max(0, Math.ceil((retryAt - now) / 1000));
  return <ActionButton label={label} loading hint={waitingWords(position, secondsLeft)} />;
}
