import { useCallback, useSyncExternalStore } from 'react';

/** Whether a CSS media query matches now; follows changes (correct on the very first render). */
export function useMediaQuery(query: string): boolean {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const list = window.matchMedia(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    [query],
  );
  return useSyncExternalStore(subscribe, () => window.matchMedia(query).matches);
}

/** Phones and narrow tablets: the side menu becomes a drawer. */
export const NARROW_SCREEN = '(max-width: 991px)';
