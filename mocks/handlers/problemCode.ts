import type { ProblemCode, ServerProblem } from '../../src/api/types';

/**
 * A problem's stable code, for a client to show its own text: named where the problem is raised, or
 * by what it carries (the rule, the missing right or permission), else made from its title
 * ("Changed meanwhile" → `changed-meanwhile`). The contract lists every code (Problem.code).
 */
export function problemCode(title: string, extra: Partial<ServerProblem> = {}): ProblemCode {
  if (extra.code) return extra.code;
  if (extra.rule) return extra.rule as ProblemCode;
  if (extra.missingRight) return 'missing-right';
  if (extra.missingPermission) return 'missing-permission';
  // Made from the title; the contract test checks every code the handlers answer is in the contract's list.
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/(^-|-$)/g, '') as ProblemCode;
}

/** The language the server's titles, details and field messages are written in. */
export const PROBLEM_LANGUAGE = 'en';
