/** The contract's CSRF header: every request but a GET carries it. */
export const CSRF = { 'X-Requested-With': 'prime-console' } as const;

/**
 * Signs in over HTTP at an API base (`…/api/v1`): the answer, and the session cookie to send with the
 * requests that follow (empty when the sign-in was refused).
 */
export async function signInOver(apiBase: string, username: string, password = 'demo', tenant?: string): Promise<{ res: Response; cookie: string }> {
  const res = await fetch(`${apiBase}/session`, {
    method: 'POST',
    headers: { ...CSRF, 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password, ...(tenant === undefined ? {} : { tenant }) }),
  });
  return { res, cookie: (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '' };
}
