import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { Button, ComboBox, Dialog, Heading, Input, Label, ListBox, ListBoxItem, Modal, Popover } from 'react-aria-components';
import { ApiError } from '../../api/client';
import { collectionQuery } from '../../api/collection';
import type { ActionDetail, Person, SearchType } from '../../api/types';
import { t, tDynamic } from '../../i18n';
import { effectText, reasonLabel } from '../../ui/DialogParts';
import { notify } from '../../ui/toast';
import { runAction, searchKeys, type ObjectDetail } from './objectApi';

const OBJECT_KIND: Partial<Record<SearchType, string>> = {
  persons: 'person',
  cards: 'card',
  'temporary-cards': 'temporary-card',
  certificates: 'certificate',
};

export const actionLabel = (type: SearchType, action: string) =>
  tDynamic(`action.${OBJECT_KIND[type] ?? type}.${action}`, action.replace(/-/g, ' '));


/**
 * Confirms an action: says what will happen (cascades included), asks for the reason where one is
 * needed, and keeps what was chosen when the request fails (a stale version offers a reload).
 */
export function ActionDialog({
  type,
  object,
  action,
  detail,
  onClose,
}: {
  type: SearchType;
  object: ObjectDetail;
  action: string;
  detail: ActionDetail;
  /** `done` is true after the action succeeded (the button that opened the dialog may be gone). */
  onClose: (done?: boolean) => void;
}) {
  const qc = useQueryClient();
  const [reason, setReason] = useState('');
  const [personId, setPersonId] = useState<string | null>(null);
  const [personText, setPersonText] = useState('');
  const [fieldError, setFieldError] = useState<{ reason?: string; personId?: string }>({});
  const ids = { reason: useId(), reasonErr: useId(), personErr: useId() };
  const label = actionLabel(type, action);
  const people = useQuery({
    ...collectionQuery<Person>('search', '/persons', { q: personText.trim(), status: 'Active', pageSize: 10 }),
    enabled: detail.needs === 'personId' && personText.trim().length > 1,
  });

  const mutation = useMutation({
    mutationFn: () =>
      runAction(type, object.id, action, object.version, {
        ...(reason ? { reason } : {}),
        ...(personId ? { personId } : {}),
      }),
    onSuccess: (fresh) => {
      qc.setQueryData(searchKeys.object(type, object.id), fresh);
      // Related objects, results and history all may have changed with the cascade.
      void qc.invalidateQueries({ queryKey: searchKeys.all });
      notify(t('action.done', { action: label }));
      onClose(true);
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errors: typeof fieldError = {};
    if (detail.reasons && !reason) errors.reason = t('action.reasonRequired');
    if (detail.needs === 'personId' && !personId) errors.personId = t('action.personRequired');
    setFieldError(errors);
    if (Object.keys(errors).length === 0) mutation.mutate();
  };

  const err = mutation.error;
  let errorText: string | null = null;
  let stale = false;
  if (err instanceof ApiError) {
    if (err.status === 412) {
      stale = true;
      errorText = t('action.stale');
    } else if (err.status === 409) errorText = t('action.stateConflict', { detail: err.problem.detail ?? err.problem.title });
    else if (err.status === 403) errorText = t('action.forbidden', { permission: err.problem.missingPermission ?? '' });
    else errorText = t('action.failed', { detail: err.problem.detail ?? err.problem.title });
  } else if (err) errorText = t('action.failed', { detail: String(err) });

  return (
    <Modal className="modal" isOpen isDismissable onOpenChange={(open) => !open && onClose()}>
      <Dialog className="dialog action-dialog" role="alertdialog">
        <form onSubmit={submit} noValidate>
          <Heading slot="title">{label}</Heading>
          <h3>{t('action.whatHappens')}</h3>
          <ul className="effects">
            {detail.effects.length ? detail.effects.map((e, i) => <li key={i}>{effectText(e)}</li>) : <li>{t('action.nothingElse')}</li>}
          </ul>
          {detail.reasons && (
            <div className="field">
              <label htmlFor={ids.reason}>{t('action.reason')}</label>
              <select
                id={ids.reason}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                aria-invalid={fieldError.reason ? true : undefined}
                aria-describedby={fieldError.reason ? ids.reasonErr : undefined}
              >
                <option value="">{t('action.chooseReason')}</option>
                {detail.reasons.map((r) => (
                  <option key={r} value={r}>
                    {reasonLabel(r)}
                  </option>
                ))}
              </select>
              {fieldError.reason && (
                <span id={ids.reasonErr} className="field-error">
                  {fieldError.reason}
                </span>
              )}
            </div>
          )}
          {detail.needs === 'personId' && (
            <ComboBox
              className="field"
              inputValue={personText}
              onInputChange={(v) => {
                setPersonText(v);
                setPersonId(null);
              }}
              selectedKey={personId}
              onSelectionChange={(key) => setPersonId(key === null ? null : String(key))}
              items={people.data?.items ?? []}
              allowsEmptyCollection
              isInvalid={!!fieldError.personId}
            >
              <Label>{t('action.person')}</Label>
              <Input placeholder={t('action.personPlaceholder')} aria-describedby={fieldError.personId ? ids.personErr : undefined} />
              <Popover className="popover">
                <ListBox className="listbox">
                  {(p: Person) => (
                    <ListBoxItem id={p.id} textValue={p.displayName} className="listbox-item">
                      {p.displayName} · {p.personalId}
                    </ListBoxItem>
                  )}
                </ListBox>
              </Popover>
              {fieldError.personId && (
                <span id={ids.personErr} className="field-error">
                  {fieldError.personId}
                </span>
              )}
            </ComboBox>
          )}
          {errorText && (
            <div className="form-error" role="alert">
              <p>{errorText}</p>
              {stale && (
                <button
                  type="button"
                  className="button secondary"
                  onClick={() => {
                    mutation.reset();
                    void qc.invalidateQueries({ queryKey: searchKeys.object(type, object.id) });
                  }}
                >
                  {t('action.reload')}
                </button>
              )}
            </div>
          )}
          <div className="dialog-actions">
            <Button className="button secondary" onPress={() => onClose()}>
              {t('common.cancel')}
            </Button>
            <button type="submit" className="button danger" disabled={mutation.isPending}>
              {mutation.isPending ? t('action.working') : t('action.confirm', { action: label })}
            </button>
          </div>
        </form>
      </Dialog>
    </Modal>
  );
}
