import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { Dialog, Heading, Modal } from 'react-aria-components';
import { ApiError } from '../../api/client';
import { t } from '../../i18n';
import { DialogProblem, ReasonSelect, useReason } from '../../ui/DialogParts';
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
  const reason = useReason(t('digitalId.reasonRequired'));
  const [option, setOption] = useState(false);
  const ids = { effects: useId(), option: useId() };
  const mutation = useMutation({
    mutationFn: () => options.run({ reason: options.reasons ? reason.value : undefined, option }),
    onSuccess: (result) => {
      void qc.invalidateQueries({ queryKey: [AREA] });
      notify(options.done);
      onClose();
      options.onDone?.(result);
    },
    onError: (err) => {
      if (err instanceof ApiError && err.status === 422 && err.problem.errors?.reason) reason.setError(err.problem.errors.reason);
      // Decided or changed meanwhile: the list behind the dialog shows it as it is now.
      if (err instanceof ApiError && (err.status === 409 || err.status === 403)) void qc.invalidateQueries({ queryKey: [AREA] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (options.reasons && !reason.check()) return;
    reason.setError(null);
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
          {options.reasons && <ReasonSelect {...reason.field} label={t('digitalId.reason')} placeholder={t('digitalId.chooseReason')} reasons={options.reasons} />}
          {options.option && (
            <div className="checkbox-field">
              <input id={ids.option} type="checkbox" checked={option} onChange={(e) => setOption(e.target.checked)} />
              <label htmlFor={ids.option}>{options.option}</label>
            </div>
          )}
          <DialogProblem
            problem={error}
            reloadLabel={t('digitalId.reload')}
            onReload={() => {
              void qc.invalidateQueries({ queryKey: [AREA] });
              onClose();
            }}
          />
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

/** A button of a row's action; it asks with `options()` before the action runs. */
export interface ConfirmAction<A extends string> {
  action: A;
  className: string;
  label: string;
  ariaLabel: string;
  options: () => ConfirmOptions;
}

/** The buttons of the actions the backend allows on a row, in the given order; "no actions" when it allows none. */
export function ConfirmButtons<A extends string>({ allowed, actions, confirm }: { allowed: readonly A[]; actions: ConfirmAction<A>[]; confirm: (options: ConfirmOptions) => void }) {
  return (
    <>
      {actions
        .filter((a) => allowed.includes(a.action))
        .map((a) => (
          <button key={a.action} type="button" className={a.className} aria-label={a.ariaLabel} onClick={() => confirm(a.options())}>
            {a.label}
          </button>
        ))}
      {!allowed.length && <span className="did-sub">{t('digitalId.noActions')}</span>}
    </>
  );
}
