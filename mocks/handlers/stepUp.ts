import type { Ctx } from './http';
import { problem } from './http';

/** The problem type of a sensitive self-service change made without the current password. */
export const STEP_UP_TYPE = '/problems/step-up-required';

/**
 * 429 with `Retry-After`: too many wrong answers in a row; the right one waits too. `what` names them
 * ("wrong passwords", "failed sign-ins for this username").
 */
export function tooManyTries(seconds: number, what: string): Response {
  const minutes = Math.ceil(seconds / 60);
  const res = problem(429, 'Too many tries', `Too many ${what} in a row. Try again in ${minutes === 1 ? '1 minute' : `${minutes} minutes`}.`, {
    retryAfter: seconds,
  });
  res.headers.set('Retry-After', String(seconds));
  return res;
}

/**
 * Step-up for sensitive self-service changes (password, PIN, lock): the body carries the caller's
 * current password as `currentPassword`. Missing or wrong answers 403 with the step-up problem type,
 * and the refusal is audited; `null` means the caller confirmed. Five wrong passwords in a row lock
 * step-up for the account (429, the right password included) for a minute, then longer; audited.
 */
export function requireStepUp(ctx: Ctx, body: unknown, action: string, target: string): Response | null {
  const given = body && typeof body === 'object' ? (body as { currentPassword?: unknown }).currentPassword : undefined;
  const guard = ctx.store.guards.stepUp;
  const key = ctx.account.id;
  const audit = (detail: string) =>
    ctx.store.audit({ actor: ctx.account.username, action, target, outcome: 'denied', detail, tenantId: ctx.tenantId });
  const wait = guard.retryAfter(key);
  if (wait) {
    audit('step-up: locked out after too many wrong passwords');
    return tooManyTries(wait, 'wrong passwords');
  }
  const answered = typeof given === 'string' && given.length > 0;
  if (answered && given === ctx.account.password) {
    guard.succeed(key);
    return null;
  }
  if (!answered) {
    audit('step-up: password missing');
  } else {
    audit('step-up: wrong password');
    const locked = guard.fail(key);
    if (locked) {
      ctx.store.audit({ actor: ctx.account.username, action: 'step-up-lockout', target: `account ${ctx.account.username}`, outcome: 'denied', detail: `locked for ${locked} s after 5 wrong passwords`, tenantId: ctx.tenantId });
      return tooManyTries(locked, 'wrong passwords');
    }
  }
  return problem(403, 'Confirm with your password', 'Enter your current password to confirm this change.', {
    type: STEP_UP_TYPE,
  });
}
