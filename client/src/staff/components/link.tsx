import type { AnchorHTMLAttributes } from 'react';
import { followLink } from '../router';

/** A link to another page of the console: navigates in place (History API), a new tab still works. */
export function Link(props: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  return (
    <a
      {...props}
      onClick={(event) => {
        props.onClick?.(event);
        followLink(event);
      }}
    />
  );
}
