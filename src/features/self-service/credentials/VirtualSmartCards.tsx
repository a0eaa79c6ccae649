import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Button } from 'react-aria-components';
import type { SelfVirtualSmartCard } from '../../../api/types';
import { formatDateTime, t, type ReasonName } from '../../../i18n';
import { ReasonSelect } from '../../../ui/DialogParts';
import { notify } from '../../../ui/toast';
import { api, fieldErrors, isStepUp, selfCredKeys, vscsQuery } from './api';
import { CredentialSection, Field, FormDialog, StepUpField } from './parts';

/** The reasons the backend accepts for locking a virtual smart card. */
const LOCK_REASONS: readonly ReasonName[] = ['Lost or stolen device', 'Key compromise', 'No longer needed'];
const PIN = /^\d{6,8}$/;

/** Own virtual smart cards: request, provision certificates, reset the PIN and lock (both with the password). */
export function VirtualSmartCardsSection({ mayRequest, mayProvision, mayResetPin, mayLock }: { mayRequest: boolean; mayProvision: boolean; mayResetPin: boolean; mayLock: boolean }) {
  const qc = useQueryClient();
  const query = useQuery(vscsQuery);
  const [dialog, setDialog] = useState<{ kind: 'pin' | 'lock'; vsc: SelfVirtualSmartCard } | null>(null);
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: selfCredKeys.vscs });
    void qc.invalidateQueries({ queryKey: ['self-service', 'me'] });
  };
  const request = useMutation({
    mutationFn: api.requestVsc,
    onSuccess: () => {
      notify(t('selfCred.vsc.requested'));
      refresh();
    },
    onError: (err) => notify(t('selfCred.error.failed', { detail: err.message })),
  });
  const provision = useMutation({
    mutationFn: (v: SelfVirtualSmartCard) => api.provisionVsc(v.id, v.version),
    onSuccess: (v) => {
      notify(t('selfCred.vsc.provisioned', { label: v.label }));
      refresh();
    },
    onError: (err) => {
      notify(t('selfCred.error.failed', { detail: err.message }));
      refresh();
    },
  });
  return (
    <CredentialSection
      id="sc-vsc"
      title={t('selfCred.vsc.title')}
      query={query}
      request={mayRequest ? { label: t('selfCred.vsc.request'), pending: request.isPending, onPress: () => request.mutate() } : null}
      empty={t('selfCred.vsc.empty')}
      waiting={t('selfCred.vsc.waiting')}
      note={(v) => v.pinChangedAt && <p className="muted">{t('selfCred.vsc.pinChanged', { at: formatDateTime(v.pinChangedAt) })}</p>}
      actions={(v) => (
        <div className="sc-actions">
          {mayProvision && v.allowedActions.includes('provision-certificates') && (
            <Button
              className="button primary"
              onPress={() => provision.mutate(v)}
              isPending={provision.isPending && provision.variables?.id === v.id}
              aria-label={t('selfCred.vsc.provisionLabel', { label: v.label })}
            >
              {provision.isPending && provision.variables?.id === v.id ? t('selfCred.vsc.provisioning') : t('selfCred.vsc.provision')}
            </Button>
          )}
          {mayResetPin && v.allowedActions.includes('reset-pin') && (
            <Button className="button secondary" onPress={() => setDialog({ kind: 'pin', vsc: v })} aria-label={t('selfCred.vsc.resetPinLabel', { label: v.label })}>
              {t('selfCred.vsc.resetPin')}
            </Button>
          )}
          {mayLock && v.allowedActions.includes('lock') && (
            <Button className="button danger" onPress={() => setDialog({ kind: 'lock', vsc: v })} aria-label={t('selfCred.vsc.lockLabel', { label: v.label })}>
              {t('selfCred.vsc.lock')}
            </Button>
          )}
        </div>
      )}
    >
      {dialog?.kind === 'pin' && <ResetPinDialog vsc={dialog.vsc} onClose={() => setDialog(null)} onDone={refresh} />}
      {dialog?.kind === 'lock' && <LockDialog vsc={dialog.vsc} onClose={() => setDialog(null)} onDone={refresh} />}
    </CredentialSection>
  );
}

/** New PIN twice and the current password; nothing of it outlives the dialog. */
function ResetPinDialog({ vsc, onClose, onDone }: { vsc: SelfVirtualSmartCard; onClose: () => void; onDone: () => void }) {
  const [pin, setPin] = useState('');
  const [repeat, setRepeat] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<{ pin?: string; repeat?: string; password?: string }>({});
  const reset = useMutation({
    mutationFn: () => api.resetVscPin(vsc.id, vsc.version, password, pin),
    onSuccess: () => {
      notify(t('selfCred.vsc.pinReset', { label: vsc.label }));
      onDone();
      onClose();
    },
  });
  const server = fieldErrors(reset.error);
  return (
    <FormDialog
      title={t('selfCred.vsc.resetPinTitle', { label: vsc.label })}
      confirmLabel={t('selfCred.vsc.resetPin')}
      pending={reset.isPending}
      error={isStepUp(reset.error) || server.newPin ? null : reset.error}
      onSubmit={() => {
        const next: typeof errors = {};
        if (!PIN.test(pin)) next.pin = t('selfCred.vsc.pinRule');
        if (pin !== repeat) next.repeat = t('selfCred.vsc.pinMismatch');
        if (!password) next.password = t('selfCred.stepUp.required');
        setErrors(next);
        if (Object.keys(next).length === 0) reset.mutate();
      }}
      onClose={onClose}
      onReload={() => {
        onDone();
        onClose();
      }}
    >
      <Field label={t('selfCred.vsc.newPin')} hint={t('selfCred.vsc.pinRule')} type="password" inputMode="numeric" autoComplete="off" value={pin} onChange={setPin} error={errors.pin ?? server.newPin} />
      <Field label={t('selfCred.vsc.repeatPin')} type="password" inputMode="numeric" autoComplete="off" value={repeat} onChange={setRepeat} error={errors.repeat} />
      <StepUpField value={password} onChange={setPassword} error={errors.password ?? (isStepUp(reset.error) ? t('selfCred.stepUp.wrong') : null)} />
    </FormDialog>
  );
}

/** Lock for good: says the cascade (certificates revoked, the encryption certificate may be kept). */
function LockDialog({ vsc, onClose, onDone }: { vsc: SelfVirtualSmartCard; onClose: () => void; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const [keep, setKeep] = useState(false);
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<{ reason?: string; password?: string }>({});
  const ids = { reason: useId(), keep: useId(), effects: useId() };
  const lock = useMutation({
    mutationFn: () => api.lockVsc(vsc.id, vsc.version, password, reason, keep),
    onSuccess: () => {
      notify(t('selfCred.vsc.locked', { label: vsc.label }));
      onDone();
      onClose();
    },
  });
  const server = fieldErrors(lock.error);
  const live = vsc.certificates.filter((c) => c.status === 'Valid' || c.status === 'On hold');
  const hasEncryption = live.some((c) => c.type === 'encryption');
  const revoked = live.length - (keep && hasEncryption ? 1 : 0);
  const reasonError = errors.reason ?? server.reason ?? null;
  return (
    <FormDialog
      title={t('selfCred.vsc.lockTitle', { label: vsc.label })}
      confirmLabel={t('selfCred.vsc.lock')}
      tone="danger"
      pending={lock.isPending}
      error={isStepUp(lock.error) || server.reason ? null : lock.error}
      describedBy={ids.effects}
      onSubmit={() => {
        const next: typeof errors = {};
        if (!reason) next.reason = t('selfCred.vsc.reasonRequired');
        if (!password) next.password = t('selfCred.stepUp.required');
        setErrors(next);
        if (Object.keys(next).length === 0) lock.mutate();
      }}
      onClose={onClose}
      onReload={() => {
        onDone();
        onClose();
      }}
    >
      <h3>{t('selfCred.whatHappens')}</h3>
      <ul id={ids.effects} className="effects">
        <li>{t('selfCred.vsc.lockEffect')}</li>
        <li>{t('selfCred.certs.revokedCount', { count: revoked })}</li>
        {keep && hasEncryption && <li>{t('selfCred.vsc.keepEffect')}</li>}
      </ul>
      <ReasonSelect id={ids.reason} label={t('selfCred.vsc.reason')} placeholder={t('selfCred.vsc.chooseReason')} reasons={LOCK_REASONS} value={reason} onChange={setReason} error={reasonError} />
      {hasEncryption && (
        <div className="field sc-check">
          <input id={ids.keep} type="checkbox" checked={keep} onChange={(e) => setKeep(e.target.checked)} />
          <label htmlFor={ids.keep}>{t('selfCred.vsc.keepEncryption')}</label>
        </div>
      )}
      <StepUpField value={password} onChange={setPassword} error={errors.password ?? (isStepUp(lock.error) ? t('selfCred.stepUp.wrong') : null)} />
    </FormDialog>
  );
}
