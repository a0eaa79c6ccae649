import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
// The app under test talks to the real mock backend (MSW in Node), not to stubs of itself.
import { createMockServer } from '../../mocks/node';
import { App } from './App';

const { server, store } = createMockServer();
let requested: string[] = [];
server.events.on('request:start', ({ request }) => {
  requested.push(`${request.method} ${new URL(request.url).pathname}`);
});

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => {
  store.reset();
  requested = [];
  document.cookie = 'prime_session=; Max-Age=0; Path=/';
});
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function at(path: string) {
  window.history.replaceState(null, '', path);
  return render(<App />);
}

async function signInThroughForm(username: string) {
  const user = userEvent.setup();
  await user.type(await screen.findByLabelText('Username'), username);
  await user.type(screen.getByLabelText('Password'), 'demo');
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
  return user;
}

describe('the console shell', () => {
  it('shows nothing gated before the session is known, then sends a signed-out person to sign in and back', async () => {
    const view = at('/tasks');
    expect(screen.queryByRole('navigation', { name: 'Main' })).toBeNull();
    expect(await screen.findByRole('heading', { name: 'Sign in to PRIME Console' })).toBeInTheDocument();
    expect(window.location.pathname + window.location.search).toBe('/login?next=%2Ftasks');
    expect(requested).not.toContain('GET /api/v1/tasks');

    await signInThroughForm('approver');
    expect(await screen.findByRole('heading', { level: 1, name: 'Open Tasks' })).toBeInTheDocument();
    expect(window.location.pathname).toBe('/tasks');
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getAllByRole('link').map((a) => a.textContent)).toEqual(['Start', 'Open Tasks']);
    expect(await screen.findAllByText('Card approval')).not.toHaveLength(0);
    view.unmount();
  });

  it('denies a view typed as a URL, names the missing right, and never asks its endpoint', async () => {
    at('/login');
    await signInThroughForm('approver');
    await screen.findByRole('heading', { level: 1, name: 'Start' });
    window.history.pushState(null, '', '/admin');
    window.dispatchEvent(new PopStateEvent('popstate'));
    expect(await screen.findByRole('heading', { level: 1, name: 'Access denied' })).toBeInTheDocument();
    expect(screen.getByText(/“Admin”/)).toBeInTheDocument();
    expect(requested.filter((r) => r.includes('/admin/'))).toEqual([]);
  });

  it('signs out in the backend and shows none of the previous user to the next one', async () => {
    at('/login');
    const user = await signInThroughForm('registration-officer');
    expect(await screen.findByText('Karin Nyström')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('heading', { name: 'Sign in to PRIME Console' })).toBeInTheDocument();
    expect(requested).toContain('DELETE /api/v1/session');
    expect(store.db.sessions.size).toBe(0);

    await signInThroughForm('self-service-user');
    expect(await screen.findByText('Elin Forsberg')).toBeInTheDocument();
    expect(screen.queryByText('Karin Nyström')).toBeNull();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).queryByRole('link', { name: 'Extended Search' })).toBeNull();
    expect(within(nav).getByRole('link', { name: 'Self-Service' })).toBeInTheDocument();
  });

  it('keeps what was typed and says why when sign-in fails', async () => {
    at('/login');
    await signInThroughForm('batch-sync');
    expect(await screen.findByRole('alert')).toHaveTextContent(/system account/i);
    expect(screen.getByLabelText('Username')).toHaveValue('batch-sync');
    const user = userEvent.setup();
    await user.clear(screen.getByLabelText('Username'));
    await user.clear(screen.getByLabelText('Password'));
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(screen.getByText('Enter your username.')).toBeInTheDocument();
    expect(screen.getByText('Enter your password.')).toBeInTheDocument();
  });
});
