import { useEffect } from 'react';

/** Names the browser tab after the screen, so screen-reader users hear where they landed. */
export function usePageTitle(title: string | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · HiBid Email` : 'HiBid Email';
  }, [title]);
}
