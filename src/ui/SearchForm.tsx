import { useState, type FormEvent } from 'react';
import { FilterSelect, FilterText, type FilterOption } from './FilterFields';

/** A choice of the search form; the first option, with the empty value, is "all". */
export interface SearchSelect<K extends string> {
  name: K;
  label: string;
  all: string;
  options: readonly FilterOption[];
  /** Applies as soon as it changes (its value comes from `values`), not when the form is submitted. */
  immediate?: boolean;
}

/**
 * A search form: a text field `q` and optional choices, applied when submitted (the text trimmed).
 * It starts from `values` (the URL); remount it with a key to follow a changed URL.
 */
export function SearchForm<K extends string = never>({
  className,
  label,
  values,
  queryLabel,
  placeholder,
  selects = [],
  submitLabel,
  onSubmit,
}: {
  className: string;
  /** The accessible name of the search landmark, when the page has more than one. */
  label?: string;
  values: Record<'q' | K, string>;
  queryLabel: string;
  placeholder?: string;
  selects?: readonly SearchSelect<K>[];
  submitLabel: string;
  onSubmit: (patch: Partial<Record<'q' | K, string>>) => void;
}) {
  const [draft, setDraft] = useState(values);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const patch: Partial<Record<'q' | K, string>> = { q: draft.q.trim() } as Partial<Record<'q' | K, string>>;
    for (const s of selects) if (!s.immediate) patch[s.name] = draft[s.name];
    onSubmit(patch);
  };
  return (
    <form className={className} role="search" aria-label={label} onSubmit={submit}>
      <FilterText label={queryLabel} value={draft.q} placeholder={placeholder} onChange={(q) => setDraft({ ...draft, q })} />
      {selects.map((s) => (
        <FilterSelect
          key={s.name}
          label={s.label}
          any={s.all}
          value={s.immediate ? values[s.name] : draft[s.name]}
          options={s.options}
          onChange={(value) => (s.immediate ? onSubmit({ [s.name]: value } as Partial<Record<'q' | K, string>>) : setDraft({ ...draft, [s.name]: value }))}
        />
      ))}
      <button type="submit" className="button primary">
        {submitLabel}
      </button>
    </form>
  );
}
