import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Button } from 'react-aria-components';
import type { MobileIdActivation, SelfMobileId } from '../../../api/types';
import { t } from '../../../i18n';
import { QueryState } from '../../../ui/QueryState';
import { notify } from '../../../ui/toast';
import { ApiError } from '../../../api/client';
import { api, errorText, fieldErrors, mobileIdsQuery, selfCredKeys } from './api';
import { CredentialItem, Field, QrCode, RequestButton, useSecondsLeft } from './parts';

/** Own mobile IDs: get one, activate it by scanning a QR code, see its state and certificates. */
export function MobileIdSection() {
  const qc = useQueryClient();
  const [activating, setActivating] = useState<string | null>(null);
  // While a QR code is shown, the page polls: the phone app completes the activation on the backend.
  const query = useQuery({ ...mobileIdsQuery, refetchInterval: activating ? 3000 : false });
  const create = useMutation({
    mutationFn: api.newMobileId,
    onSuccess: (m) => {
      notify(t('selfCred.mobile.created'));
      void qc.invalidateQueries({ queryKey: selfCredKeys.mobileIds });
      setActivating(m.id);
    },
    onError: (err) => notify(t('selfCred.error.failed', { detail: err.message })),
  });
  return (
    <section aria-labelledby="sc-mobile" className="sc-section">
      <h2 id="sc-mobile">{t('selfCred.mobile.title')}</h2>
      <QueryState query={query}>
        {(page) => {
          const mayGet = page.items.every((m) => m.status === 'Locked');
          const current = activating ? page.items.find((m) => m.id === activating) : undefined;
          return (
            <>
              {page.items.length === 0 && <p className="empty">{t('selfCred.mobile.empty')}</p>}
              {mayGet && <RequestButton label={t('selfCred.mobile.get')} pending={create.isPending} onPress={() => create.mutate()} />}
              {current && <ActivationPanel mobileId={current} onClose={() => setActivating(null)} />}
              <ul className="sc-list">
                {page.items.map((m) => (
                  <CredentialItem key={m.id} credential={m} waiting={t('selfCred.mobile.waiting')}>
                    {m.allowedActions.includes('activate') && activating !== m.id && (
                      <div className="sc-actions">
                        <Button className="button primary" onPress={() => setActivating(m.id)} aria-label={t('selfCred.mobile.activateLabel', { label: m.label })}>
                          {t('selfCred.mobile.activate')}
                        </Button>
                      </div>
                    )}
                  </CredentialItem>
                ))}
              </ul>
            </>
          );
        }}
      </QueryState>
    </section>
  );
}

/**
 * The QR code of an activation, its code as text, a live countdown and, once expired, "Get a new
 * code". In the demo the person can also type the code the app shows, or let the demo play the app.
 */
function ActivationPanel({ mobileId, onClose }: { mobileId: SelfMobileId; onClose: () => void }) {
  const qc = useQueryClient();
  const [activation, setActivation] = useState<MobileIdActivation | null>(null);
  const [code, setCode] = useState('');
  const headingRef = useRef<HTMLHeadingElement>(null);
  const start = useMutation({
    mutationFn: () => api.activateMobileId(mobileId.id, mobileId.version),
    onSuccess: (a) => {
      setActivation(a);
      setCode('');
    },
  });
  const confirm = useMutation({
    mutationFn: (value: string) => api.confirmMobileId(mobileId.id, mobileId.version, value),
    onSuccess: () => {
      notify(t('selfCred.mobile.activated'));
      void qc.invalidateQueries({ queryKey: selfCredKeys.all });
      void qc.invalidateQueries({ queryKey: ['self-service', 'me'] });
    },
  });
  const { mutate: startMutate } = start;
  // A code is asked for as soon as the panel opens.
  useEffect(() => {
    startMutate();
    headingRef.current?.focus();
  }, [startMutate]);
  const secondsLeft = useSecondsLeft(activation?.expiresAt ?? null);
  const expired = !!activation && secondsLeft === 0;
  const active = mobileId.status === 'Active';
  const codeError = fieldErrors(confirm.error).activationCode ?? null;
  const expiredByServer = confirm.error instanceof ApiError && confirm.error.problem.type === '/problems/activation-expired';
  const problem = codeError ? null : errorText(start.error ?? confirm.error);
  const minutes = Math.floor(secondsLeft / 60);
  const seconds = String(secondsLeft % 60).padStart(2, '0');
  return (
    <section className="panel sc-activation" aria-labelledby="sc-activation-title">
      <h3 id="sc-activation-title" tabIndex={-1} ref={headingRef}>
        {t('selfCred.mobile.activationTitle', { label: mobileId.label })}
      </h3>
      {active ? (
        <p role="status">{t('selfCred.mobile.activeNow')}</p>
      ) : (
        <>
          <ol className="sc-steps">
            <li>{t('selfCred.mobile.step1')}</li>
            <li>{t('selfCred.mobile.step2')}</li>
            <li>{t('selfCred.mobile.step3')}</li>
          </ol>
          {start.isPending && <p className="loading">{t('selfCred.mobile.gettingCode')}</p>}
          {activation && !expired && (
            <div className="sc-qr-box">
              <QrCode payload={activation.qrPayload} label={t('selfCred.mobile.qrLabel')} />
              <div>
                <p>
                  {t('selfCred.mobile.codeText')} <code className="sc-code" data-testid="activation-code">{activation.activationCode}</code>
                </p>
                {/* Announced once a minute, not every second. */}
                <p aria-hidden="true" className="sc-countdown">
                  {t('selfCred.mobile.expiresIn', { time: `${minutes}:${seconds}` })}
                </p>
                <p className="visually-hidden" aria-live="polite">
                  {secondsLeft % 60 === 0 || secondsLeft <= 10 ? t('selfCred.mobile.expiresIn', { time: `${minutes}:${seconds}` }) : ''}
                </p>
              </div>
            </div>
          )}
          {(expired || expiredByServer) && (
            <div className="form-error" role="alert">
              <p>{t('selfCred.mobile.expired')}</p>
            </div>
          )}
          {activation && !expired && (
            <form
              className="sc-confirm"
              noValidate
              onSubmit={(e) => {
                e.preventDefault();
                confirm.mutate(code);
              }}
            >
              <Field label={t('selfCred.mobile.confirmCode')} hint={t('selfCred.mobile.confirmHint')} value={code} onChange={setCode} error={codeError} autoComplete="off" />
              <div className="sc-actions">
                <button type="submit" className="button primary" disabled={confirm.isPending}>
                  {confirm.isPending ? t('selfCred.working') : t('selfCred.mobile.confirm')}
                </button>
                <Button className="button secondary" onPress={() => confirm.mutate(activation.activationCode)} isDisabled={confirm.isPending}>
                  {t('selfCred.mobile.demoApp')}
                </Button>
              </div>
            </form>
          )}
          {problem && (
            <div className="form-error" role="alert">
              <p>{problem.text}</p>
            </div>
          )}
        </>
      )}
      <div className="sc-actions">
        {!active && (
          <Button className="button secondary" onPress={() => start.mutate()} isDisabled={start.isPending}>
            {t('selfCred.mobile.newCode')}
          </Button>
        )}
        <Button className="button secondary" onPress={onClose}>
          {t('selfCred.close')}
        </Button>
      </div>
    </section>
  );
}
