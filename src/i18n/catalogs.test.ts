import { parse, type Token } from '@messageformat/parser';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCALES } from './catalogs';

/**
 * The catalogs as files (not through the console's loader): every locale has every part and every key,
 * each message parses as ICU MessageFormat with the same arguments in every language, and every key is
 * used somewhere in the console's source.
 */
const DIR = join(import.meta.dirname, 'locales');
const read = (locale: string, part: string) => JSON.parse(readFileSync(join(DIR, locale, `${part}.json`), 'utf8')) as Record<string, string>;
const parts = readdirSync(join(DIR, 'en')).map((f) => f.replace(/\.json$/, ''));
const locales = Object.keys(LOCALES);

/** The arguments of a message with their kind (a plain argument, or plural/select/number…), and plural branches. */
function signature(message: string): string[] {
  const out = new Set<string>();
  const walk = (tokens: Token[]) => {
    for (const tok of tokens) {
      if (tok.type === 'argument') out.add(`${tok.arg}`);
      else if (tok.type === 'function') out.add(`${tok.arg}:${tok.key}`);
      else if (tok.type === 'plural' || tok.type === 'select' || tok.type === 'selectordinal') {
        out.add(`${tok.arg}:${tok.type}`);
        if (tok.type === 'select') for (const c of tok.cases) out.add(`${tok.arg}=${c.key}`);
        for (const c of tok.cases) walk(c.tokens);
      }
    }
  };
  walk(parse(message));
  return [...out].sort();
}

describe('message catalogs', () => {
  it('has every part in every language', () => {
    for (const locale of locales) expect(readdirSync(join(DIR, locale)).sort(), locale).toEqual(readdirSync(join(DIR, 'en')).sort());
  });

  for (const part of parts) {
    it(`${part}: the same keys and ICU arguments in every language, and every message parses`, () => {
      const en = read('en', part);
      for (const locale of locales) {
        const other = read(locale, part);
        expect(Object.keys(other).sort(), `${locale}/${part} keys`).toEqual(Object.keys(en).sort());
        for (const [key, message] of Object.entries(other)) {
          expect(message.trim(), `${locale}/${part} ${key} is empty`).not.toBe('');
          expect(() => parse(message), `${locale}/${part} ${key}`).not.toThrow();
          expect(signature(message), `${locale}/${part} ${key} arguments`).toEqual(signature(en[key]!));
        }
      }
    });
  }

  it('uses every key: each appears in the source, or under a prefix the source builds keys from', () => {
    const sources: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)) sources.push(readFileSync(p, 'utf8'));
      }
    };
    walk(join(import.meta.dirname, '..'));
    const code = sources.join('\n');
    // Keys built at run time: `prefix.${value}` in a template literal.
    const prefixes = [...code.matchAll(/`([a-zA-Z][\w.-]*\.)\$\{/g)].map((m) => m[1]!);
    const unused = parts
      .flatMap((part) => Object.keys(read('en', part)))
      .filter((key) => !code.includes(`'${key}'`) && !code.includes(`"${key}"`) && !prefixes.some((p) => key.startsWith(p)));
    expect(unused).toEqual([]);
  });

  it('follows the glossary: no Swedish message uses a word it says to avoid', () => {
    const glossary = readFileSync(join(import.meta.dirname, 'GLOSSARY.md'), 'utf8');
    const avoided = glossary
      .slice(glossary.indexOf('## Not these words'))
      .split('\n')
      .filter((line) => line.startsWith('| ') && !line.startsWith('| Avoid'))
      .map((line) => line.split('|')[1]!.trim().toLowerCase());
    expect(avoided.length).toBeGreaterThan(3);
    const found = parts.flatMap((part) =>
      Object.entries(read('sv', part)).flatMap(([key, message]) =>
        avoided.filter((word) => new RegExp(`(^|[^\\p{L}])${word}`, 'u').test(message.toLowerCase())).map((word) => `${part}:${key}: ${word}`),
      ),
    );
    expect(found).toEqual([]);
  });
});
