import { useId, useState, type FormEvent } from 'react';

/** A choice of the search form; the first option, with the empty value, is "all". */
export interface SearchSelect<K extends string> {
  name: K;
  label: string;
  all: string;
  options: readonly (string | { value: string; label: string })[];
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
  const base = useId();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const patch: Partial<Record<'q' | K, string>> = { q: draft.q.trim() } as Partial<Record<'q' | K, string>>;
    for (const s of selects) if (!s.immediate) patch[s.name] = draft[s.name];
    onSubmit(patch);
  };
  return (
    <form className={className} role="search" aria-label={label} onSubmit={submit}>
      <div className="field">
        <label htmlFor={`${base}q`}>{queryLabel}</label>
        <input id={`${base}q`} type="search" value={draft.q} onChange={(e) => setDraft({ ...draft, q: e.target.value })} placeholder={placeholder} />
      </div>
      {selects.map((s) => (
        <div className="field" key={s.name}>
          <label htmlFor={`${base}${s.name}`}>{s.label}</label>
          <select
            id={`${base}${s.name}`}
            value={s.immediate ? values[s.name] : draft[s.name]}
            onChange={(e) => (s.immediate ? onSubmit({ [s.name]: e.target.value } as Partial<Record<'q' | K, string>>) : setDraft({ ...draft, [s.name]: e.target.value }))}
          >
            <option value="">{s.all}</option>
            {s.options.map((o) => {
              const { value, label: text } = typeof o === 'string' ? { value: o, label: o } : o;
              return (
                <option key={value} value={value}>
                  {text}
                </option>
              );
            })}
          </select>
        </div>
      ))}
      <button type="submit" className="button primary">
        {submitLabel}
      </button>
    </form>
  );
}
