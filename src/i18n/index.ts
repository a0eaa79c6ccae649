import { en, type MessageKey, type Messages } from './en';

export type { MessageKey, Messages };

const catalogs: Record<string, Partial<Messages>> = { en: { ...en } };
let locale = 'en';
let messages: Partial<Messages> = catalogs.en!;

/** Joins the messages of a view, loaded with it, to the English catalog. */
export function addMessages(viewMessages: Partial<Messages>) {
  Object.assign(catalogs.en!, viewMessages);
}

/** Chooses the catalog; Swedish joins `catalogs` when it is translated. */
export function setLocale(next: string) {
  locale = catalogs[next] ? next : 'en';
  messages = catalogs[locale]!;
}

/** Looks a message up and fills `{name}` placeholders, e.g. t('table.page', { page: 1, pages: 3 }). */
export function t(key: MessageKey, vars?: Record<string, string | number>): string {
  const text = messages[key] ?? key;
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (_, name: string) =>
    name in vars ? (typeof vars[name] === 'number' ? formatNumber(vars[name] as number) : String(vars[name])) : `{${name}}`,
  );
}

/** A message key that is built at run time (e.g. from a status); falls back to the raw value. */
export function tDynamic(key: string, fallback: string): string {
  return (messages as Record<string, string>)[key] ?? fallback;
}

/**
 * One formatter per locale and kind: building an Intl formatter costs far more than using one, and a
 * result page formats a date or number in every row.
 */
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function formatter<F extends Intl.NumberFormat | Intl.DateTimeFormat>(kind: string, make: () => F): F {
  const key = `${locale}|${kind}`;
  let f = formatters.get(key) as F | undefined;
  if (!f) formatters.set(key, (f = make()));
  return f;
}

export function formatNumber(n: number): string {
  return formatter('number', () => new Intl.NumberFormat(locale)).format(n);
}

/** Dates are stored in UTC; they are shown in the person's time zone, which is named. */
export function formatDateTime(isoString: string): string {
  // dateStyle cannot be combined with timeZoneName, so the parts are named one by one.
  const f = formatter('date-time', () =>
    new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' }),
  );
  return f.format(new Date(isoString));
}

export function formatDate(isoString: string): string {
  return formatter('date', () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium' })).format(new Date(isoString));
}
