import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { setLocale } from '../i18n';
import en from '../i18n/locales/en/problems.json';
import sv from '../i18n/locales/sv/problems.json';
import { ApiError } from './client';
import { localizeProblem } from './problemText';
import type { Problem } from './types';

afterEach(() => setLocale('en'));

const contract = parse(readFileSync(resolve(__dirname, '../../openapi/openapi.yaml'), 'utf8')) as {
  components: { schemas: { Problem: { properties: { code: { enum: string[] } } }; FieldErrorCode: { enum: string[] } } };
};

describe('the console has words for every problem code of the contract', () => {
  it('in English and in Swedish, for each problem and each field code', () => {
    const codes = contract.components.schemas.Problem.properties.code.enum;
    const fields = contract.components.schemas.FieldErrorCode.enum;
    expect(codes.length).toBeGreaterThan(40);
    for (const catalog of [en, sv] as Record<string, string>[]) {
      expect(codes.filter((c) => !catalog[`problem.${c}`])).toEqual([]);
      expect(fields.filter((c) => !catalog[`fieldError.${c}`])).toEqual([]);
    }
  });
});

describe('a problem as the person reads it', () => {
  const notFound: Problem = { type: '/problems/404', title: 'Not found', status: 404, detail: 'There is no such card.', code: 'not-found' };

  it('keeps the server’s words when they are in the console’s language', () => {
    expect(localizeProblem(notFound, 'en')).toEqual(notFound);
  });

  it('in Swedish, shows the console’s text for a known code, and the server’s for an unknown one', async () => {
    await setLocale('sv');
    expect(localizeProblem(notFound, 'en').detail).toBe(sv['problem.not-found']);
    // A code of a newer server, not in this console's contract.
    const unknown = { ...notFound, code: 'something-new' as Problem['code'], detail: 'Something new happened.' };
    expect(localizeProblem(unknown, 'en').detail).toBe('Something new happened.');
    expect(localizeProblem({ ...notFound, code: undefined }, 'en').detail).toBe('There is no such card.');
  });

  it('names the right, the state and the wait in Swedish, or keeps the server’s text when the problem lacks them', async () => {
    await setLocale('sv');
    const denied: Problem = { type: '/problems/403', title: 'Access denied', status: 403, detail: 'This needs the right Admin.', code: 'missing-right', missingRight: 'Admin' };
    expect(localizeProblem(denied, 'en').detail).toBe('Detta kräver behörigheten Administration.');
    const state: Problem = { type: '/problems/409', title: 'Not possible in this state', status: 409, detail: 'The card is Locked.', code: 'not-possible-in-this-state', currentStatus: 'Locked' };
    expect(localizeProblem(state, 'en').detail).toBe('Det går inte när statusen är Spärrad.');
    expect(localizeProblem({ ...state, currentStatus: undefined }, 'en').detail).toBe('The card is Locked.');
    const wait: Problem = { type: '/problems/429', title: 'Too many tries', status: 429, code: 'too-many-tries', retryAfter: 61 };
    expect(localizeProblem(wait, 'en').detail).toBe('För många försök i rad. Försök igen om 2 minuter.');
  });

  it('translates each field error by its code, and keeps a field’s message without one', async () => {
    await setLocale('sv');
    const p: Problem = {
      type: '/problems/422',
      title: 'Invalid tenant',
      status: 422,
      code: 'invalid-tenant',
      errors: { name: 'A tenant named “Nordvik” exists already.', logo: 'The logo is too large.' },
      errorCodes: { name: 'taken' },
    };
    expect(localizeProblem(p, 'en').errors).toEqual({ name: sv['fieldError.taken'], logo: 'The logo is too large.' });
  });

  it('follows a change of language after the error arrived', async () => {
    const error = new ApiError(404, notFound, 'en');
    expect(error.problem.detail).toBe('There is no such card.');
    await setLocale('sv');
    expect(error.problem.detail).toBe(sv['problem.not-found']);
    expect(error.raw.detail).toBe('There is no such card.');
  });
});
