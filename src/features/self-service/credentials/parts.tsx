import type { UseQueryResult } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { Button, Dialog, Heading, Modal } from 'react-aria-components';
import { encode } from 'uqr';
import type { Collection, Credential, CredentialCertificate } from '../../../api/types';
import { formatDate, t } from '../../../i18n';
import { DialogActions, DialogProblem } from '../../../ui/DialogParts';
import { QueryState } from '../../../ui/QueryState';
import { StatusBadge } from '../../../ui/StatusBadge';
import { errorText } from './api';
import { CertificateList } from './CertificateList';

/**
 * A dialog around a form: says what will happen, collects what the action needs, and keeps the input
 * when the backend refuses (the error is said inside; a stale version offers a reload).
 */
export function FormDialog({
  title,
  children,
  confirmLabel,
  tone = 'primary',
  pending,
  error,
  onSubmit,
  onClose,
  onReload,
  describedBy,
}: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  tone?: 'primary' | 'danger';
  pending: boolean;
  error: unknown;
  onSubmit: () => void;
  onClose: () => void;
  onReload?: () => void;
  describedBy?: string;
}) {
  const problem = errorText(error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!pending) onSubmit();
  };
  return (
    <Modal className="modal" isOpen isDismissable={!pending} onOpenChange={(open) => !open && !pending && onClose()}>
      <Dialog className="dialog sc-dialog" role="alertdialog" aria-describedby={describedBy}>
        <form onSubmit={submit} noValidate>
          <Heading slot="title" level={2}>
            {title}
          </Heading>
          {children}
          <DialogProblem problem={problem} reloadLabel={t('selfCred.error.reload')} onReload={onReload} />
          <DialogActions confirmLabel={confirmLabel} workingLabel={t('selfCred.working')} danger={tone === 'danger'} pending={pending} onCancel={onClose} />
        </form>
      </Dialog>
    </Modal>
  );
}

/** A labelled input with its error message tied to it. */
export function Field({
  label,
  value,
  onChange,
  error,
  type = 'text',
  autoComplete,
  inputMode,
  hint,
  autoFocus,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string | null;
  type?: 'text' | 'password';
  autoComplete?: string;
  inputMode?: 'numeric' | 'email' | 'text';
  hint?: string;
  autoFocus?: boolean;
}) {
  const id = useId();
  const described = [hint ? `${id}-hint` : '', error ? `${id}-err` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      )}
      <input
        id={id}
        type={type}
        value={value}
        autoComplete={autoComplete}
        inputMode={inputMode}
        autoFocus={autoFocus}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={described}
      />
      {error && (
        <span id={`${id}-err`} className="field-error">
          {error}
        </span>
      )}
    </div>
  );
}

/** The current password, asked again for a sensitive change. Never kept beyond the open dialog. */
export function StepUpField({ value, onChange, error }: { value: string; onChange: (v: string) => void; error?: string | null }) {
  return (
    <Field
      label={t('selfCred.stepUp.label')}
      hint={t('selfCred.stepUp.hint')}
      type="password"
      autoComplete="current-password"
      value={value}
      onChange={onChange}
      error={error}
    />
  );
}

/**
 * The passphrase of a PKCS#12 file, shown this one time: copy it now, it is never shown again. The
 * passphrase lives only in this dialog's props; closing it drops it.
 */
export function PassphraseDialog({ label, passphrase, onClose }: { label: string; passphrase: string; onClose: () => void }) {
  const [copied, setCopied] = useState(false);
  const warnId = useId();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(passphrase);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <Modal className="modal" isOpen isDismissable={false} isKeyboardDismissDisabled>
      <Dialog className="dialog sc-dialog" role="alertdialog" aria-describedby={warnId}>
        <Heading slot="title" level={2}>
          {t('selfCred.passphrase.title', { label })}
        </Heading>
        <p id={warnId} className="sc-warning">
          <strong>{t('selfCred.passphrase.once')}</strong> {t('selfCred.passphrase.why')}
        </p>
        <p className="sc-secret" aria-label={t('selfCred.passphrase.label')}>
          <code data-testid="passphrase">{passphrase}</code>
        </p>
        <p role="status" className="muted">
          {copied ? t('selfCred.passphrase.copied') : ''}
        </p>
        <div className="dialog-actions">
          <Button className="button secondary" onPress={() => void copy()}>
            {t('selfCred.passphrase.copy')}
          </Button>
          <Button className="button primary" onPress={onClose}>
            {t('selfCred.passphrase.done')}
          </Button>
        </div>
      </Dialog>
    </Modal>
  );
}

/**
 * A QR code drawn from uqr's module matrix as one SVG path (no inline styles, no data: URL, so the
 * strict Content-Security-Policy holds).
 */
export function QrCode({ payload, label }: { payload: string; label: string }) {
  const { size, d } = useMemo(() => {
    const qr = encode(payload, { ecc: 'M', border: 2 });
    let path = '';
    qr.data.forEach((row, y) =>
      row.forEach((dark, x) => {
        if (dark) path += `M${x} ${y}h1v1h-1z`;
      }),
    );
    return { size: qr.size, d: path };
  }, [payload]);
  return (
    <svg className="sc-qr" viewBox={`0 0 ${size} ${size}`} role="img" aria-label={label} shapeRendering="crispEdges">
      <rect width={size} height={size} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}

/** Seconds left until an instant, ticking every second; 0 once it has passed. */
export function useSecondsLeft(until: string | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!until) return;
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [until]);
  return until ? Math.max(0, Math.ceil((Date.parse(until) - now) / 1000)) : 0;
}

/**
 * One of one's own credentials in its list: label, state and when it was made, `waiting` while it is
 * Registered, an optional note, its certificates, then its actions (`children`).
 */
export function CredentialItem({
  credential,
  waiting,
  note,
  children,
}: {
  credential: Credential & { certificates: CredentialCertificate[] };
  waiting: string;
  note?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <li className="panel sc-item">
      <h3>{credential.label}</h3>
      <p>
        <StatusBadge status={credential.status} /> <span className="muted">{t('selfCred.created', { date: formatDate(credential.createdAt) })}</span>
      </p>
      {credential.status === 'Registered' && <p>{waiting}</p>}
      {note}
      <CertificateList certificates={credential.certificates} />
      {children}
    </li>
  );
}

/** The button that asks for a new credential, on a line of its own. */
export function RequestButton({ label, pending, onPress }: { label: string; pending: boolean; onPress: () => void }) {
  return (
    <p>
      <Button className="button primary" onPress={onPress} isPending={pending}>
        {label}
      </Button>
    </p>
  );
}

type OwnCredential = Credential & { certificates: CredentialCertificate[] };

/**
 * A section of one's own credentials of one kind: the request button while none is waiting, then the
 * list (or `empty`), each with its note and actions; `children` (its dialogs) after the list.
 */
export function CredentialSection<C extends OwnCredential>({
  id,
  title,
  query,
  request,
  empty,
  waiting,
  note,
  actions,
  children,
}: {
  id: string;
  title: string;
  query: UseQueryResult<Collection<C>>;
  /** Shown only while no credential of the kind is Registered (waiting). */
  request: { label: string; pending: boolean; onPress: () => void } | null;
  empty: string;
  waiting: string;
  note: (c: C) => ReactNode;
  actions: (c: C) => ReactNode;
  children?: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className="sc-section">
      <h2 id={id}>{title}</h2>
      <QueryState query={query}>
        {(page) => (
          <>
            {request && !page.items.some((x) => x.status === 'Registered') && <RequestButton {...request} />}
            {page.items.length === 0 ? (
              <p className="empty">{empty}</p>
            ) : (
              <ul className="sc-list">
                {page.items.map((c) => (
                  <CredentialItem key={c.id} credential={c} waiting={waiting} note={note(c)}>
                    {actions(c)}
                  </CredentialItem>
                ))}
              </ul>
            )}
          </>
        )}
      </QueryState>
      {children}
    </section>
  );
}
