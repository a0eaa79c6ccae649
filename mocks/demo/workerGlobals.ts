/**
 * Globals MSW expects of a browser-like environment and a worker lacks: its cookie store keeps itself
 * in `localStorage`. The backend worker keeps no state there (its journal is in IndexedDB), so an
 * in-memory stand-in is enough. Imported first by the worker, before MSW is evaluated.
 */
if (!('localStorage' in globalThis)) {
  const items = new Map<string, string>();
  const storage: Storage = {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (k) => items.get(k) ?? null,
    key: (i) => [...items.keys()][i] ?? null,
    removeItem: (k) => void items.delete(k),
    setItem: (k, v) => void items.set(k, String(v)),
  };
  Object.defineProperty(globalThis, 'localStorage', { value: storage });
}
export {};
