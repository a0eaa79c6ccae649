import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { setDemoControls } from './app/demo';
import { initI18n } from './i18n';
import './styles.css';

async function boot() {
  // The messages of the chosen language load while the demo backend starts.
  // The demo's sign-in page lists its personas with their roles' descriptions.
  const messages = initI18n(undefined, import.meta.env.VITE_DEMO === 'true' ? ['roles'] : []);
  if (import.meta.env.VITE_DEMO === 'true') {
    // Loaded only in demo mode; the app renders after the worker is ready, or first requests escape the mock.
    // The banner comes with it, so it is on the first paint rather than shifting the page later.
    const [{ startDemoBackend }, { default: Banner }] = await Promise.all([import('../mocks/browser'), import('./app/DemoBanner')]);
    setDemoControls({ ...(await startDemoBackend()), Banner });
  } else if ('serviceWorker' in navigator) {
    // A real deployment must not keep a mock worker left over from a demo on the same origin.
    const registrations = await navigator.serviceWorker.getRegistrations();
    await Promise.all(
      registrations.filter((r) => r.active?.scriptURL.endsWith('/mockServiceWorker.js')).map((r) => r.unregister()),
    );
  }
  await messages;
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

void boot();
