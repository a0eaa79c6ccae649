const collators = new Map<string, Intl.Collator>();

/** The collator of a language, made once: building one costs more than many comparisons. */
export function collator(locale: string): Intl.Collator {
  let c = collators.get(locale);
  if (!c) collators.set(locale, (c = new Intl.Collator(locale)));
  return c;
}
