import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Button } from 'react-aria-components';
import type { SelfSoftwareToken, SoftwareTokenPassphrase } from '../../../api/types';
import { formatDate, formatDateTime, t } from '../../../i18n';
import { QueryState } from '../../../ui/QueryState';
import { notify } from '../../../ui/toast';
import { api, isStepUp, selfCredKeys, softwareTokensQuery } from './api';
import { CredentialSection, FormDialog, PassphraseDialog, StepUpField } from './parts';

/** The passphrase that was just issued, held only until its dialog closes. */
function usePassphrase() {
  const [shown, setShown] = useState<{ label: string; passphrase: string } | null>(null);
  const dialog = shown && <PassphraseDialog label={shown.label} passphrase={shown.passphrase} onClose={() => setShown(null)} />;
  return { show: (r: SoftwareTokenPassphrase) => setShown({ label: r.softwareToken.label, passphrase: r.passphrase }), dialog };
}

/**
 * "My tasks": software token requests waiting for their holder to accept the terms (PRIME shows these
 * under Self-Service Open Tasks). Accepting shows the passphrase once.
 */
export function MyTasksSection() {
  const query = useQuery(softwareTokensQuery);
  const [accepting, setAccepting] = useState<SelfSoftwareToken | null>(null);
  const passphrase = usePassphrase();
  return (
    <section aria-labelledby="sc-tasks" className="sc-section">
      <h2 id="sc-tasks">{t('selfCred.tasks.title')}</h2>
      <QueryState query={query}>
        {(page) => {
          const waiting = page.items.filter((x) => x.allowedActions.includes('accept-terms'));
          return waiting.length === 0 ? (
            <p className="empty">{t('selfCred.tasks.empty')}</p>
          ) : (
            <ul className="sc-list">
              {waiting.map((x) => (
                <li key={x.id} className="panel sc-item">
                  <h3>{t('selfCred.tasks.acceptTitle', { label: x.label })}</h3>
                  <p>{t('selfCred.tasks.acceptBody', { date: formatDate(x.createdAt) })}</p>
                  <div className="sc-actions">
                    <Button className="button primary" onPress={() => setAccepting(x)} aria-label={t('selfCred.tasks.openLabel', { label: x.label })}>
                      {t('selfCred.tasks.open')}
                    </Button>
                  </div>
                </li>
              ))}
            </ul>
          );
        }}
      </QueryState>
      {accepting && (
        <AcceptTermsDialog
          token={accepting}
          onClose={() => setAccepting(null)}
          onDone={(r) => {
            setAccepting(null);
            passphrase.show(r);
          }}
        />
      )}
      {passphrase.dialog}
    </section>
  );
}

function AcceptTermsDialog({ token, onClose, onDone }: { token: SelfSoftwareToken; onClose: () => void; onDone: (r: SoftwareTokenPassphrase) => void }) {
  const qc = useQueryClient();
  const [agreed, setAgreed] = useState(false);
  const [missing, setMissing] = useState(false);
  const ids = { box: useId(), err: useId(), terms: useId() };
  const accept = useMutation({
    mutationFn: () => api.acceptTerms(token.id, token.version),
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: selfCredKeys.softwareTokens });
      void qc.invalidateQueries({ queryKey: ['self-service', 'me'] });
      notify(t('selfCred.tokens.issued', { label: r.softwareToken.label }));
      onDone(r);
    },
  });
  return (
    <FormDialog
      title={t('selfCred.tasks.termsTitle')}
      confirmLabel={t('selfCred.tasks.accept')}
      pending={accept.isPending}
      error={accept.error}
      describedBy={ids.terms}
      onSubmit={() => {
        if (!agreed) {
          setMissing(true);
          document.getElementById(ids.box)?.focus();
          return;
        }
        accept.mutate();
      }}
      onClose={onClose}
      onReload={() => {
        void qc.invalidateQueries({ queryKey: selfCredKeys.softwareTokens });
        onClose();
      }}
    >
      <div id={ids.terms} className="sc-terms">
        <p>{t('selfCred.tasks.terms1')}</p>
        <p>{t('selfCred.tasks.terms2')}</p>
      </div>
      <div className="field sc-check">
        <input
          id={ids.box}
          type="checkbox"
          checked={agreed}
          onChange={(e) => {
            setAgreed(e.target.checked);
            if (e.target.checked) setMissing(false);
          }}
          aria-invalid={missing ? true : undefined}
          aria-describedby={missing ? ids.err : undefined}
        />
        <label htmlFor={ids.box}>{t('selfCred.tasks.agree')}</label>
        {missing && (
          <span id={ids.err} className="field-error">
            {t('selfCred.tasks.agreeRequired')}
          </span>
        )}
      </div>
    </FormDialog>
  );
}

/** Own software tokens: request, recover (new passphrase, shown once), revoke (confirmed, with the password). */
export function SoftwareTokensSection({ mayRequest, mayRecover, mayRevoke }: { mayRequest: boolean; mayRecover: boolean; mayRevoke: boolean }) {
  const qc = useQueryClient();
  const query = useQuery(softwareTokensQuery);
  const [dialog, setDialog] = useState<{ kind: 'recover' | 'revoke'; token: SelfSoftwareToken } | null>(null);
  const passphrase = usePassphrase();
  const request = useMutation({
    mutationFn: api.requestToken,
    onSuccess: () => {
      notify(t('selfCred.tokens.requested'));
      void qc.invalidateQueries({ queryKey: selfCredKeys.softwareTokens });
    },
    onError: (err) => notify(t('selfCred.error.failed', { detail: err.message })),
  });
  return (
    <CredentialSection
      id="sc-tokens"
      title={t('selfCred.tokens.title')}
      query={query}
      request={mayRequest ? { label: t('selfCred.tokens.request'), pending: request.isPending, onPress: () => request.mutate() } : null}
      empty={t('selfCred.tokens.empty')}
      waiting={t('selfCred.tokens.waiting')}
      note={(x) => x.passphraseIssuedAt && <p className="muted">{t('selfCred.tokens.passphraseShown', { at: formatDateTime(x.passphraseIssuedAt) })}</p>}
      actions={(x) => (
        <div className="sc-actions">
          {mayRecover && x.allowedActions.includes('recover') && (
            <Button className="button secondary" onPress={() => setDialog({ kind: 'recover', token: x })} aria-label={t('selfCred.tokens.recoverLabel', { label: x.label })}>
              {t('selfCred.tokens.recover')}
            </Button>
          )}
          {mayRevoke && x.allowedActions.includes('revoke') && (
            <Button className="button danger" onPress={() => setDialog({ kind: 'revoke', token: x })} aria-label={t('selfCred.tokens.revokeLabel', { label: x.label })}>
              {t('selfCred.tokens.revoke')}
            </Button>
          )}
        </div>
      )}
    >
      {dialog?.kind === 'recover' && (
        <RecoverDialog
          token={dialog.token}
          onClose={() => setDialog(null)}
          onDone={(r) => {
            setDialog(null);
            passphrase.show(r);
          }}
        />
      )}
      {dialog?.kind === 'revoke' && <RevokeDialog token={dialog.token} onClose={() => setDialog(null)} />}
      {passphrase.dialog}
    </CredentialSection>
  );
}

function RecoverDialog({ token, onClose, onDone }: { token: SelfSoftwareToken; onClose: () => void; onDone: (r: SoftwareTokenPassphrase) => void }) {
  const qc = useQueryClient();
  const bodyId = useId();
  const recover = useMutation({
    mutationFn: () => api.recoverToken(token.id, token.version),
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: selfCredKeys.softwareTokens });
      notify(t('selfCred.tokens.recovered', { label: token.label }));
      onDone(r);
    },
  });
  return (
    <FormDialog
      title={t('selfCred.tokens.recoverTitle', { label: token.label })}
      confirmLabel={t('selfCred.tokens.recover')}
      pending={recover.isPending}
      error={recover.error}
      describedBy={bodyId}
      onSubmit={() => recover.mutate()}
      onClose={onClose}
      onReload={() => {
        void qc.invalidateQueries({ queryKey: selfCredKeys.softwareTokens });
        onClose();
      }}
    >
      <p id={bodyId}>{t('selfCred.tokens.recoverBody')}</p>
    </FormDialog>
  );
}

function RevokeDialog({ token, onClose }: { token: SelfSoftwareToken; onClose: () => void }) {
  const qc = useQueryClient();
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState(false);
  const bodyId = useId();
  const revoke = useMutation({
    mutationFn: () => api.revokeToken(token.id, token.version, password),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: selfCredKeys.softwareTokens });
      void qc.invalidateQueries({ queryKey: ['self-service', 'me'] });
      notify(t('selfCred.tokens.revoked', { label: token.label }));
      onClose();
    },
  });
  const active = token.certificates.filter((c) => c.status === 'Valid' || c.status === 'On hold').length;
  return (
    <FormDialog
      title={t('selfCred.tokens.revokeTitle', { label: token.label })}
      confirmLabel={t('selfCred.tokens.revoke')}
      tone="danger"
      pending={revoke.isPending}
      error={isStepUp(revoke.error) ? null : revoke.error}
      describedBy={bodyId}
      onSubmit={() => {
        if (!password) return setMissing(true);
        setMissing(false);
        revoke.mutate();
      }}
      onClose={onClose}
      onReload={() => {
        void qc.invalidateQueries({ queryKey: selfCredKeys.softwareTokens });
        onClose();
      }}
    >
      <ul id={bodyId} className="effects">
        <li>{t('selfCred.tokens.revokeEffect')}</li>
        <li>{t('selfCred.certs.revokedCount', { count: active })}</li>
      </ul>
      <StepUpField value={password} onChange={setPassword} error={missing ? t('selfCred.stepUp.required') : isStepUp(revoke.error) ? t('selfCred.stepUp.wrong') : null} />
    </FormDialog>
  );
}
