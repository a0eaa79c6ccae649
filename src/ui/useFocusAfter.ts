import { useEffect, useRef } from 'react';

/**
 * Focus for the element of the returned ref (a heading with tabIndex -1) each time `count` goes up
 * from 0: after an action, the button pressed may be gone.
 */
export function useFocusAfter<T extends HTMLElement>(count: number) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (!count) return;
    const frame = requestAnimationFrame(() => ref.current?.focus());
    return () => cancelAnimationFrame(frame);
  }, [count]);
  return ref;
}
