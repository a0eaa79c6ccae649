import { demoControls } from './demo';

/**
 * The demo banner, where demo mode provides one. main.tsx loads it before the first render (the
 * production bundle carries neither the banner nor its dialog), so it is there from the first paint:
 * a banner arriving later would push the page down under a pointer about to click.
 */
export function DemoBannerSlot() {
  const Banner = demoControls()?.Banner;
  return Banner ? <Banner /> : null;
}
