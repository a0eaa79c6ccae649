import { getLocale, tDynamic } from '../i18n';
import type { Problem } from './types';

/** Codes whose text names a value of the problem: without that value, the server's own text is shown. */
const NEEDS: Partial<Record<string, keyof Problem>> = {
  'missing-right': 'missingRight',
  'missing-permission': 'missingPermission',
  'not-possible-in-this-state': 'currentStatus',
  'too-many-tries': 'retryAfter',
};

/**
 * A problem as the person reads it: where the server wrote in another language than the console's,
 * the console's own text for each code it knows (the problem's and each field's); otherwise, and for
 * codes it does not know, the server's words. The server's text is kept when the languages match, as
 * it names more (the address, the object).
 */
export function localizeProblem(problem: Problem, language: string): Problem {
  if (language === getLocale()) return problem;
  const { code, missingRight = '', missingPermission = '', currentStatus = '', retryAfter = 60 } = problem;
  const needed = code ? NEEDS[code] : undefined;
  const vars = {
    right: tDynamic(`right.${missingRight}`, missingRight),
    permission: missingPermission,
    status: tDynamic(`status.${currentStatus}`, currentStatus),
    minutes: Math.max(1, Math.ceil(retryAfter / 60)),
  };
  const detail = code && (!needed || problem[needed] !== undefined) ? tDynamic(`problem.${code}`, '', vars) : '';
  const errors = problem.errors && Object.fromEntries(Object.entries(problem.errors).map(([field, message]) => [field, tDynamic(`fieldError.${problem.errorCodes?.[field] ?? ''}`, message)]));
  return { ...problem, ...(detail ? { detail } : {}), ...(errors ? { errors } : {}) };
}
