import { act, render, screen, waitFor, within } from '@testing-library/react';
import { http } from 'msw';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
// The sign-in page talks to the real mock backend (MSW in Node); only the demo's status is simulated here.
import { createMockServer } from '../../mocks/node';
import { App } from './App';
import DemoBanner from './DemoBanner';
import { setDemoControls, type DemoStatus } from './demo';

const { server, store } = createMockServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/** Demo controls whose status the test moves, as the backend worker would. */
function demoAt(initial: DemoStatus) {
  let status = initial;
  const listeners = new Set<(s: DemoStatus) => void>();
  setDemoControls({
    reset: async () => undefined,
    status: () => status,
    onStatus: (l) => (listeners.add(l), () => listeners.delete(l)),
    Banner: DemoBanner,
  });
  return (s: DemoStatus) =>
    act(() => {
      status = s;
      for (const l of listeners) l(s);
    });
}

function at(path: string) {
  window.history.replaceState(null, '', path);
  return render(<App />);
}

beforeEach(() => {
  store.reset();
  document.cookie = 'prime_session=; Max-Age=0; Path=/';
});

describe('the demo while its organisation is prepared', () => {
  it('keeps the status in its place from “being prepared” through the progress to “ready”', async () => {
    const move = demoAt({ state: 'preparing', done: 0, total: 100_000 });
    at('/login');
    const status = within(await screen.findByRole('region', { name: 'Demo mode' })).getByRole('status');
    expect(status).toHaveTextContent('The demo organisation is being prepared; you can sign in meanwhile.');
    expect(status).not.toHaveClass('idle');
    // The bar is there from the start (hidden until it is needed), so its arrival moves nothing.
    expect(status.querySelector('progress')).toHaveClass('waiting');
    await waitFor(() => expect(status.querySelector('progress')).not.toHaveClass('waiting'), { timeout: 2000 });
    move({ state: 'preparing', done: 40_000, total: 100_000 });
    expect(status).toHaveTextContent('The demo organisation is being prepared: 40,000 of 100,000 persons.');
    move({ state: 'ready', persons: 100_000 });
    expect(status).toHaveTextContent('The demo organisation is ready: 100,000 persons.');
    expect(status).not.toHaveClass('idle');
  });

  it('takes no room when the organisation was ready before the page', async () => {
    demoAt({ state: 'ready', persons: 2_000 });
    at('/login');
    await screen.findByRole('region', { name: 'Demo mode' });
    const status = document.querySelector('.demo-status');
    expect(status).toHaveClass('idle');
    expect(status).toHaveTextContent('');
  });

  it('keeps the tenant picker’s place while the tenants load, then offers them', async () => {
    demoAt({ state: 'preparing', done: 0, total: 100_000 });
    let release = () => undefined as void;
    const released = new Promise<void>((r) => (release = r));
    server.use(
      // Held, then left to the backend's own handler (a resolver that returns nothing passes it on).
      http.get('*/api/v1/tenants', async () => {
        await released;
      }),
    );
    at('/login');
    const picker = await screen.findByLabelText('Tenant');
    expect(picker).toBeDisabled();
    expect(picker).toHaveDisplayValue('Loading tenants…');
    release();
    await waitFor(() => expect(picker).toBeEnabled());
    expect(screen.queryByRole('option', { name: 'Loading tenants…' })).toBeNull();
    expect(screen.getAllByRole('option').length).toBeGreaterThan(1);
  });
});
