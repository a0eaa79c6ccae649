import type { Ctx } from './http';
import { problem } from './http';

/** The problem type of a sensitive self-service change made without the current password. */
export const STEP_UP_TYPE = '/problems/step-up-required';

/**
 * Step-up for sensitive self-service changes (password, PIN, lock): the body carries the caller's
 * current password as `currentPassword`. Missing or wrong answers 403 with the step-up problem type,
 * and the refusal is audited; `null` means the caller confirmed.
 */
export function requireStepUp(ctx: Ctx, body: unknown, action: string, target: string): Response | null {
  const given = body && typeof body === 'object' ? (body as { currentPassword?: unknown }).currentPassword : undefined;
  if (typeof given === 'string' && given.length > 0 && given === ctx.account.password) return null;
  ctx.store.audit({
    actor: ctx.account.username,
    action,
    target,
    outcome: 'denied',
    detail: typeof given === 'string' && given ? 'step-up: wrong password' : 'step-up: password missing',
    tenantId: ctx.tenantId,
  });
  return problem(403, 'Confirm with your password', 'Enter your current password to confirm this change.', {
    type: STEP_UP_TYPE,
  });
}
