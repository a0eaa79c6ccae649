import { useId, useState } from 'react';
import { Button } from 'react-aria-components';
import type { ActionEffect } from '../api/types';
import { t, tDynamic } from '../i18n';
import { statusLabel } from './StatusBadge';

/** A reason as the backend names it, in the active language (the value sent stays the backend's). */
export const reasonLabel = (reason: string) => tDynamic(`reason.${reason}`, reason);

/** One effect of an action ("3 cards will be locked") in the active language. */
export const effectText = (e: ActionEffect): string =>
  tDynamic(`effect.${e.code}`, e.code, { count: e.count ?? 0, to: e.to ? statusLabel(e.to) : '' });

/** A required choice of reason in a dialog's form, its error tied to it; `id` lets the form focus it. */
export function ReasonSelect({
  id,
  label,
  placeholder,
  reasons,
  value,
  onChange,
  error,
  required,
}: {
  id: string;
  label: string;
  /** The empty first option ("Choose a reason"). */
  placeholder: string;
  reasons: readonly string[];
  value: string;
  onChange: (value: string) => void;
  error: string | null;
  required?: boolean;
}) {
  const errId = `${id}-err`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} required={required} onChange={(e) => onChange(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? errId : undefined}>
        <option value="">{placeholder}</option>
        {reasons.map((r) => (
          <option key={r} value={r}>
            {reasonLabel(r)}
          </option>
        ))}
      </select>
      {error && (
        <span id={errId} className="field-error">
          {error}
        </span>
      )}
    </div>
  );
}

/**
 * A required reason of a dialog's form: spread `field` on a ReasonSelect; `check()` before submitting
 * says what is missing and moves focus to the choice. Choosing clears the error.
 */
export function useReason(requiredMessage: string) {
  const id = useId();
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const check = () => {
    if (value) return true;
    setError(requiredMessage);
    document.getElementById(id)?.focus();
    return false;
  };
  const onChange = (next: string) => {
    setValue(next);
    if (next) setError(null);
  };
  return { value, setError, check, field: { id, value, error, onChange, required: true } };
}

/**
 * A refusal said inside a dialog (nothing when there is none). When the object changed meanwhile
 * (`stale`), `onReload` is offered to show it as it is now.
 */
export function DialogProblem({ problem, reloadLabel, onReload }: { problem: { text: string; stale?: boolean } | null; reloadLabel?: string; onReload?: () => void }) {
  if (!problem) return null;
  return (
    <div className="form-error" role="alert">
      <p>{problem.text}</p>
      {problem.stale && onReload && (
        <button type="button" className="button secondary" onClick={onReload}>
          {reloadLabel}
        </button>
      )}
    </div>
  );
}

/** Cancel and submit at the foot of a dialog's form; while the action runs, both wait and submit says so. */
export function DialogActions({
  confirmLabel,
  workingLabel,
  danger = false,
  pending,
  onCancel,
}: {
  confirmLabel: string;
  workingLabel: string;
  danger?: boolean;
  pending: boolean;
  onCancel: () => void;
}) {
  return (
    <div className="dialog-actions">
      <Button className="button secondary" onPress={onCancel} isDisabled={pending}>
        {t('common.cancel')}
      </Button>
      <button type="submit" className={danger ? 'button danger' : 'button primary'} disabled={pending}>
        {pending ? workingLabel : confirmLabel}
      </button>
    </div>
  );
}
