// @vitest-environment node
// Lists sort text in the reader's language: Swedish puts Å, Ä, Ö after Z, English beside A and O.
import { describe, expect, it } from 'vitest';
import type { Collection, Person } from '../../src/api/types';
import { contractHarness } from '../contract/harness';
import { sortLocale } from './http';

const c = contractHarness({ persons: 300 });

/** Every last name of Extended Search's persons, sorted by the server. */
async function lastNames(headers: Record<string, string>, query: Record<string, string> = {}) {
  const { cookie } = await c.signIn('registration-officer');
  const names: string[] = [];
  for (let page = 1; ; page++) {
    const res = await c.call('GET /persons', { cookie, headers, query: { sort: 'lastName:asc', pageSize: 200, page, ...query } });
    const body = (await c.expectDocumented('GET /persons', res, 200)) as Collection<Person>;
    names.push(...body.items.map((p) => p.lastName));
    if (names.length >= body.total) return names;
  }
}

const first = (names: string[], letters: RegExp) => names.findIndex((n) => letters.test(n));
const last = (names: string[], letters: RegExp) => names.length - 1 - [...names].reverse().findIndex((n) => letters.test(n));

describe('sorting follows the language', () => {
  it('in Swedish (Accept-Language sv-SE), names with Å, Ä, Ö come after every name from A to Z', async () => {
    const names = await lastNames({ 'Accept-Language': 'sv-SE,sv;q=0.9,en;q=0.5' });
    expect(first(names, /^[ÅÄÖ]/)).toBeGreaterThan(-1);
    expect(first(names, /^[ÅÄÖ]/)).toBeGreaterThan(last(names, /^[A-Z]/));
    // And in the Swedish alphabet's order: Å before Ä before Ö.
    const nordic = names.filter((n) => /^[ÅÄÖ]/.test(n)).map((n) => n[0]);
    expect(nordic).toEqual([...nordic].sort((a, b) => 'ÅÄÖ'.indexOf(a!) - 'ÅÄÖ'.indexOf(b!)));
  });

  it('in English, Åberg sorts among the A names, before any name with B', async () => {
    const names = await lastNames({ 'Accept-Language': 'en-GB' });
    const aberg = names.indexOf('Åberg');
    expect(aberg).toBeGreaterThan(-1);
    expect(aberg).toBeLessThan(first(names, /^B/));
  });

  it('an explicit sortLocale wins over Accept-Language', async () => {
    const names = await lastNames({ 'Accept-Language': 'en' }, { sortLocale: 'sv' });
    expect(first(names, /^[ÅÄÖ]/)).toBeGreaterThan(last(names, /^[A-Z]/));
  });
});

describe('the sort language of a request', () => {
  const of = (acceptLanguage: string | null, query = '') =>
    sortLocale(new Request(`http://localhost/api/v1/persons${query}`, { headers: acceptLanguage === null ? {} : { 'Accept-Language': acceptLanguage } }), new URL(`http://localhost/api/v1/persons${query}`));

  it('takes the first language by weight, only its language part', () => {
    expect(of('sv-SE')).toBe('sv');
    expect(of('en;q=0.4, sv;q=0.8')).toBe('sv');
    expect(of('fi-FI, sv;q=0.5')).toBe('fi');
  });

  it('skips what is not a language and falls back to English', () => {
    expect(of(null)).toBe('en');
    expect(of('*')).toBe('en');
    expect(of('not a tag!, sv;q=0.1')).toBe('sv');
    expect(of('sv;q=0')).toBe('en');
    expect(of('sv', '?sortLocale=%%%')).toBe('en');
  });
});
