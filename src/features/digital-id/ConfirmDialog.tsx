import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { Dialog, Heading, Modal } from 'react-aria-components';
import { ApiError } from '../../api/client';
import { t } from '../../i18n';
import { notify } from '../../ui/toast';
import { AREA } from './api';

export interface ConfirmOptions {
  title: string;
  /** What will happen, one line each. */
  effects: string[];
  confirmLabel: string;
  danger?: boolean;
  /** A reason to choose, when the action needs one. */
  reasons?: string[];
  /** An optional yes/no choice (confirm installation: lock the previous certificate). */
  option?: string;
  /** Runs the action; the dialog closes when it resolves. */
  run: (input: { reason?: string; option: boolean }) => Promise<unknown>;
  /** The toast after success. */
  done: string;
  /** After success, e.g. to show a password once. */
  onDone?: (result: unknown) => void;
}

/** The refusal in one sentence, and whether reloading would help (the object changed meanwhile). */
export function problemText(err: unknown): { text: string; stale: boolean } | null {
  if (!err) return null;
  if (!(err instanceof ApiError)) return { text: t('digitalId.error.failed', { detail: String(err) }), stale: false };
  if (err.status === 412) return { text: t('digitalId.error.stale'), stale: true };
  return { text: err.problem.detail ?? err.problem.title, stale: false };
}

/**
 * Confirms an action: says what will happen, asks for a reason where one is needed, and keeps what
 * was chosen when the backend refuses (a changed object offers a reload). Focus returns to the
 * button that opened it (React Aria's Modal).
 */
export function ConfirmDialog({ options, onClose }: { options: ConfirmOptions; onClose: () => void }) {
  const qc = useQueryClient();
  const [reason, setReason] = useState('');
  const [option, setOption] = useState(false);
  const [reasonError, setReasonError] = useState<string | null>(null);
  const ids = { reason: useId(), reasonErr: useId(), effects: useId(), option: useId() };
  const mutation = useMutation({
    mutationFn: () => options.run({ reason: options.reasons ? reason : undefined, option }),
    onSuccess: (result) => {
      void qc.invalidateQueries({ queryKey: [AREA] });
      notify(options.done);
      onClose();
      options.onDone?.(result);
    },
    onError: (err) => {
      if (err instanceof ApiError && err.status === 422 && err.problem.errors?.reason) setReasonError(err.problem.errors.reason);
      // Decided or changed meanwhile: the list behind the dialog shows it as it is now.
      if (err instanceof ApiError && (err.status === 409 || err.status === 403)) void qc.invalidateQueries({ queryKey: [AREA] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (options.reasons && !reason) {
      setReasonError(t('digitalId.reasonRequired'));
      document.getElementById(ids.reason)?.focus();
      return;
    }
    setReasonError(null);
    mutation.mutate();
  };
  const error = problemText(mutation.error);
  return (
    <Modal className="modal" isOpen isDismissable={!mutation.isPending} onOpenChange={(open) => !open && onClose()}>
      <Dialog className="dialog action-dialog" role="alertdialog" aria-describedby={ids.effects}>
        <form onSubmit={submit} noValidate>
          <Heading slot="title">{options.title}</Heading>
          <h3>{t('digitalId.whatHappens')}</h3>
          <ul className="effects" id={ids.effects}>
            {options.effects.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
          {options.reasons && (
            <div className="field">
              <label htmlFor={ids.reason}>{t('digitalId.reason')}</label>
              <select
                id={ids.reason}
                value={reason}
                required
                onChange={(e) => {
                  setReason(e.target.value);
                  if (e.target.value) setReasonError(null);
                }}
                aria-invalid={reasonError ? true : undefined}
                aria-describedby={reasonError ? ids.reasonErr : undefined}
              >
                <option value="">{t('digitalId.chooseReason')}</option>
                {options.reasons.map((r) => (
                  <option key={r} value={r}>
                    {r}
                  </option>
                ))}
              </select>
              {reasonError && (
                <span id={ids.reasonErr} className="field-error">
                  {reasonError}
                </span>
              )}
            </div>
          )}
          {options.option && (
            <div className="checkbox-field">
              <input id={ids.option} type="checkbox" checked={option} onChange={(e) => setOption(e.target.checked)} />
              <label htmlFor={ids.option}>{options.option}</label>
            </div>
          )}
          {error && (
            <div className="form-error" role="alert">
              <p>{error.text}</p>
              {error.stale && (
                <button
                  type="button"
                  className="button secondary"
                  onClick={() => {
                    void qc.invalidateQueries({ queryKey: [AREA] });
                    onClose();
                  }}
                >
                  {t('digitalId.reload')}
                </button>
              )}
            </div>
          )}
          <div className="dialog-actions">
            <button type="button" className="button secondary" onClick={onClose} disabled={mutation.isPending}>
              {t('digitalId.cancel')}
            </button>
            <button type="submit" className={options.danger ? 'button danger' : 'button primary'} disabled={mutation.isPending}>
              {mutation.isPending ? t('digitalId.working') : options.confirmLabel}
            </button>
          </div>
        </form>
      </Dialog>
    </Modal>
  );
}

/** Holds the dialog to show, if any: `open(options)` from a row's button. */
export function useConfirm(): [ReactNode, (options: ConfirmOptions) => void] {
  const [options, setOptions] = useState<ConfirmOptions | null>(null);
  return [options ? <ConfirmDialog options={options} onClose={() => setOptions(null)} /> : null, setOptions];
}
