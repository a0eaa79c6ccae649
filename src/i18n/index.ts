import { setupI18n, type Messages as CompiledMessages } from '@lingui/core';
import { useSyncExternalStore } from 'react';
import { loadCatalog, LOCALES, START_PARTS, type CatalogPart, type Locale, type MessageKey } from './catalogs';

export { LOCALES, type CatalogPart, type Locale, type MessageKey };
export type { ReasonName, StatusName } from './catalogs';

/** Where the browser remembers the person's choice of language. */
export const LOCALE_STORAGE_KEY = 'prime-console.locale';

const i18n = setupI18n();
let locale: Locale = 'en';
/** The parts loaded so far; a change of language loads the same parts in the new language. */
const parts = new Set<CatalogPart>();
const listeners = new Set<() => void>();

const isLocale = (value: unknown): value is Locale => typeof value === 'string' && Object.hasOwn(LOCALES, value);

/** The language to start in: the one chosen before in this browser, else the first of the browser's languages we speak. */
export function preferredLocale(): Locale {
  try {
    const stored = localStorage.getItem(LOCALE_STORAGE_KEY);
    if (isLocale(stored)) return stored;
  } catch {
    // Storage may be blocked; the browser's languages still decide.
  }
  const languages = typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);
  for (const tag of languages) {
    const language = tag.toLowerCase().split('-')[0];
    if (isLocale(language)) return language;
  }
  return 'en';
}

/** The BCP 47 tag for Intl and Accept-Language: Swedish as written in Sweden. */
const INTL_TAGS: Record<string, string> = { en: 'en', sv: 'sv-SE' };
export const intlLocale = (l: Locale = locale): string => INTL_TAGS[l] ?? l;

async function loadParts(l: Locale, names: Iterable<CatalogPart>) {
  const catalogs = await Promise.all([...names].map((part) => loadCatalog(l, part)));
  i18n.load(l, Object.assign({}, ...catalogs) as CompiledMessages);
}

/** Loads the messages every page needs, in the given language (before the first render). */
export async function initI18n(l: Locale = preferredLocale(), extra: CatalogPart[] = []) {
  for (const part of [...START_PARTS, ...extra]) parts.add(part);
  await loadParts(l, parts);
  activate(l);
  // Needed only once something fails; until it is here, the server's own words are shown.
  void loadMessages('problems').catch(() => undefined);
}

/** Loads a view's messages in the active language; the view renders after this resolves. */
export async function loadMessages(...names: CatalogPart[]) {
  const missing = names.filter((n) => !parts.has(n));
  if (!missing.length) return;
  const l = locale;
  await loadParts(l, missing);
  for (const n of missing) parts.add(n);
  // The language may have changed meanwhile: the new one needs these parts as well.
  if (l !== locale) await loadParts(locale, missing);
}

function activate(l: Locale) {
  locale = l;
  i18n.activate(l);
  formatters.clear();
  typedArgs.clear();
  if (typeof document !== 'undefined') document.documentElement.lang = intlLocale(l);
  for (const listener of listeners) listener();
}

/**
 * Switches the language at once, without a reload: the loaded parts are fetched in the new language
 * first, then every component that reads `useLocale` renders again (state, and what is typed, stays).
 */
export async function setLocale(next: Locale) {
  if (next === locale) return;
  await loadParts(next, parts);
  try {
    localStorage.setItem(LOCALE_STORAGE_KEY, next);
  } catch {
    // Not remembered when storage is blocked; the switch still holds for this page.
  }
  activate(next);
}

export const getLocale = () => locale;
export function subscribeLocale(listener: () => void) {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
/** The active language; a component that calls it renders again when the language changes. */
export const useLocale = () => useSyncExternalStore(subscribeLocale, getLocale, getLocale);

/**
 * Per message, the arguments that the message formats itself (plural, select, number, date). Other
 * numeric arguments are shown in the locale's number format ("100 000" in Swedish, "100,000" in English).
 */
const typedArgs = new Map<string, Set<string>>();
function formattedArgs(key: string): Set<string> {
  let names = typedArgs.get(key);
  if (names) return names;
  names = new Set();
  const walk = (tokens: unknown) => {
    if (!Array.isArray(tokens)) return;
    for (const token of tokens) {
      if (!Array.isArray(token)) continue;
      const [name, type, format] = token as [string, string?, Record<string, unknown>?];
      if (type) names!.add(name);
      if (format && typeof format === 'object') for (const branch of Object.values(format)) walk(branch);
    }
  };
  walk(i18n.messages[key]);
  typedArgs.set(key, names);
  return names;
}

/** Looks a message up and fills its ICU arguments, e.g. t('table.page', { page: 1, pages: 3 }). */
export function t(key: MessageKey, vars?: Record<string, string | number>): string {
  if (!vars) return i18n._(key);
  const typed = formattedArgs(key);
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(vars)) values[name] = typeof value === 'number' && !typed.has(name) ? formatNumber(value) : value;
  return i18n._(key, values);
}

/** A message key that is built at run time (e.g. from a status); falls back to the raw value. */
export function tDynamic(key: string, fallback: string, vars?: Record<string, string | number>): string {
  return i18n.messages[key] === undefined ? fallback : t(key as MessageKey, vars);
}

/**
 * One formatter per locale and kind: building an Intl formatter costs far more than using one, and a
 * result page formats a date or number in every row.
 */
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.Collator | Intl.RelativeTimeFormat>();
function formatter<F extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.Collator | Intl.RelativeTimeFormat>(kind: string, make: (tag: string) => F): F {
  let f = formatters.get(kind) as F | undefined;
  if (!f) formatters.set(kind, (f = make(intlLocale())));
  return f;
}

export function formatNumber(n: number): string {
  return formatter('number', (tag) => new Intl.NumberFormat(tag)).format(n);
}

/** Dates are stored in UTC; they are shown in the person's time zone, which is named. */
export function formatDateTime(isoString: string): string {
  // dateStyle cannot be combined with timeZoneName, so the parts are named one by one.
  const f = formatter('date-time', (tag) =>
    new Intl.DateTimeFormat(tag, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' }),
  );
  return f.format(new Date(isoString));
}

export function formatDate(isoString: string): string {
  return formatter('date', (tag) => new Intl.DateTimeFormat(tag, { dateStyle: 'medium' })).format(new Date(isoString));
}

/** "in 3 days", "5 minutes ago" in the active language. */
export function formatRelative(value: number, unit: Intl.RelativeTimeFormatUnit): string {
  return formatter('relative', (tag) => new Intl.RelativeTimeFormat(tag, { numeric: 'auto' })).format(value, unit);
}

/** Compares text as a reader of the active language sorts it (in Swedish Å, Ä and Ö come after Z). */
export function compareText(a: string, b: string): number {
  return formatter('collator', (tag) => new Intl.Collator(tag)).compare(a, b);
}
