import { lazy, Suspense } from 'react';

// Loaded only in demo mode: the production bundle carries neither the banner nor its dialog.
// The flag is read here literally so the bundler drops the import from the production build.
const DemoBanner = import.meta.env.VITE_DEMO === 'true' ? lazy(() => import('./DemoBanner')) : null;

export function DemoBannerSlot() {
  if (!DemoBanner) return null;
  return (
    <Suspense fallback={null}>
      <DemoBanner />
    </Suspense>
  );
}
