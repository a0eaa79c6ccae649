import { useId } from 'react';

/** A choice of a filter: a value, or a value with the text shown for it. */
export type FilterOption = string | { value: string; label: string };

/** A labelled choice of a filter form; the first option, with the empty value, is "any". */
export function FilterSelect({
  label,
  any,
  value,
  options,
  optionLabel = (v) => v,
  onChange,
}: {
  label: string;
  /** The text of the empty value; leave it out when a value must be chosen. */
  any?: string;
  value: string;
  options: readonly FilterOption[];
  /** The text for an option given as a bare value. */
  optionLabel?: (value: string) => string;
  onChange: (value: string) => void;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {any !== undefined && <option value="">{any}</option>}
        {options.map((o) => {
          const { value: v, label: text } = typeof o === 'string' ? { value: o, label: optionLabel(o) } : o;
          return (
            <option key={v} value={v}>
              {text}
            </option>
          );
        })}
      </select>
    </div>
  );
}

/** A labelled field of a filter form: a search field, or a date. */
export function FilterText({
  label,
  value,
  type = 'search',
  placeholder,
  onChange,
}: {
  label: string;
  value: string;
  type?: 'search' | 'date';
  placeholder?: string;
  onChange: (value: string) => void;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type={type} value={value} placeholder={placeholder} onChange={(e) => onChange(e.target.value)} />
    </div>
  );
}
