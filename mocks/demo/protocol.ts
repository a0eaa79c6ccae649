/**
 * Messages between a page of the demo and its backend worker. Requests and answers carry their bodies
 * as transferred ArrayBuffers, so nothing large is copied twice.
 */
export interface WireRequest {
  id: number;
  method: string;
  url: string;
  headers: [string, string][];
  body: ArrayBuffer | null;
}

export interface WireResponse {
  id: number;
  status: number;
  headers: [string, string][];
  body: ArrayBuffer | null;
}

/**
 * Page → worker. The first message of every page is `hello`, with the organisation's size and, when
 * set in the browser, how long a session lasts without use (the first page's say counts).
 */
export type ToBackend =
  | { type: 'hello'; persons: number; sessionIdleSeconds?: number }
  | { type: 'request'; request: WireRequest }
  | { type: 'reset'; id: number };

/** Worker → page. */
export type FromBackend =
  | { type: 'progress'; done: number; total: number }
  | { type: 'ready'; persons: number; ms: number; restored: boolean }
  | { type: 'response'; response: WireResponse }
  | { type: 'reset-done'; id: number }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string };

/** The worker's name for an organisation size: a page asking for another size gets another worker. */
export const workerName = (persons: number) => `prime-console-demo-${persons}`;
