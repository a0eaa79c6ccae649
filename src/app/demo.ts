import type { ComponentType } from 'react';

/** Set by main.tsx when demo mode started the in-page backend; null against a real backend. */
export interface DemoControls {
  reset: () => void;
  /** The banner with its reset dialog, loaded with the demo backend. */
  Banner: ComponentType;
}
let controls: DemoControls | null = null;
export const setDemoControls = (c: DemoControls) => {
  controls = c;
};
export const demoControls = () => controls;

