/**
 * DOM stand-ins for `@tarojs/components` (jest maps the package here): the same props the app uses, rendered as
 * plain elements so testing-library can query them by role and text.
 */
import { forwardRef, type CSSProperties, type ReactNode } from 'react';

interface BaseProps {
  className?: string;
  style?: CSSProperties;
  children?: ReactNode;
  onClick?: (event: { stopPropagation(): void }) => void;
}

export const View = forwardRef<HTMLDivElement, BaseProps>(function View({ className, style, children, onClick }, ref) {
  return (
    <div ref={ref} className={className} style={style} onClick={onClick}>
      {children}
    </div>
  );
});

export const Text = forwardRef<HTMLSpanElement, BaseProps>(function Text({ className, style, children, onClick }, ref) {
  return (
    <span ref={ref} className={className} style={style} onClick={onClick}>
      {children}
    </span>
  );
});

export const Button = forwardRef<HTMLButtonElement, BaseProps & { disabled?: boolean; loading?: boolean }>(
  function Button({ className, style, children, onClick, disabled, loading }, ref) {
    return (
      <button
        ref={ref}
        type="button"
        className={className}
        style={style}
        disabled={disabled}
        aria-busy={loading ? true : undefined}
        onClick={onClick}
      >
        {children}
      </button>
    );
  },
);

export const Image = forwardRef<HTMLImageElement, BaseProps & { src: string; mode?: string }>(function Image(
  { className, style, src, onClick },
  ref,
) {
  return <img ref={ref} className={className} style={style} src={src} alt="" onClick={onClick} />;
});
