import type { ComponentType } from 'react';

/** How far the demo backend is with its organisation (it is generated in a worker after the page loads). */
export type DemoStatus = { state: 'preparing'; done: number; total: number } | { state: 'ready'; persons: number };

/** Set by main.tsx when demo mode started the demo backend; null against a real backend. */
export interface DemoControls {
  /** Drops every change; resolves once the backend has started over. */
  reset: () => Promise<void>;
  status: () => DemoStatus;
  onStatus: (listener: (s: DemoStatus) => void) => () => void;
  /** The banner with its reset dialog, loaded with the demo backend. */
  Banner: ComponentType;
}
let controls: DemoControls | null = null;
export const setDemoControls = (c: DemoControls) => {
  controls = c;
};
export const demoControls = () => controls;
