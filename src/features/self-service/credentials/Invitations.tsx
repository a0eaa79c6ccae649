import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Button } from 'react-aria-components';
import type { Invitation } from '../../../api/types';
import { formatDateTime, t } from '../../../i18n';
import { QueryState } from '../../../ui/QueryState';
import { notify } from '../../../ui/toast';
import { api, fieldErrors, invitationsQuery, selfCredKeys } from './api';
import { FormDialog } from './parts';

const RESPONSE_BADGE = { pending: 'badge-requested', accepted: 'badge-active', denied: 'badge-locked' } as const;

/** Splits what the person typed into addresses: one per line, or separated by commas or semicolons. */
const splitEmails = (text: string) =>
  text
    .split(/[\n,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);

/** The meetings the visitor is invited to: accept, deny (confirmed), invite further participants. */
export function InvitationsSection() {
  const query = useQuery(invitationsQuery);
  const [dialog, setDialog] = useState<{ kind: 'deny' | 'invite'; invitation: Invitation } | null>(null);
  return (
    <section aria-labelledby="sc-invitations" className="sc-section">
      <h2 id="sc-invitations">{t('selfCred.invitations.title')}</h2>
      <QueryState query={query}>
        {(page) =>
          page.items.length === 0 ? (
            <p className="empty">{t('selfCred.invitations.empty')}</p>
          ) : (
            <ul className="sc-list">
              {page.items.map((inv) => (
                <InvitationItem key={inv.id} invitation={inv} onDeny={() => setDialog({ kind: 'deny', invitation: inv })} onInvite={() => setDialog({ kind: 'invite', invitation: inv })} />
              ))}
            </ul>
          )
        }
      </QueryState>
      {dialog?.kind === 'deny' && <DenyDialog invitation={dialog.invitation} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'invite' && <InviteDialog invitation={dialog.invitation} onClose={() => setDialog(null)} />}
    </section>
  );
}

function InvitationItem({ invitation: inv, onDeny, onInvite }: { invitation: Invitation; onDeny: () => void; onInvite: () => void }) {
  const qc = useQueryClient();
  const accept = useMutation({
    mutationFn: () => api.respond(inv.id, 'accept', inv.version),
    onSuccess: () => {
      notify(t('selfCred.invitations.accepted', { title: inv.title }));
      void qc.invalidateQueries({ queryKey: selfCredKeys.invitations });
    },
    onError: (err) => {
      notify(t('selfCred.error.failed', { detail: err.message }));
      void qc.invalidateQueries({ queryKey: selfCredKeys.invitations });
    },
  });
  const headingId = useId();
  return (
    <li className="panel sc-item" aria-labelledby={headingId}>
      <h3 id={headingId}>{inv.title}</h3>
      <p>
        <span className={`badge ${RESPONSE_BADGE[inv.myResponse]}`}>{t(`selfCred.response.${inv.myResponse}`)}</span>
        {inv.over && <span className="badge badge-expired">{t('selfCred.invitations.over')}</span>}
      </p>
      <dl className="facts">
        <dt>{t('selfCred.invitations.when')}</dt>
        <dd>
          {formatDateTime(inv.startsAt)} – {formatDateTime(inv.endsAt)}
        </dd>
        <dt>{t('selfCred.invitations.where')}</dt>
        <dd>{inv.location}</dd>
        <dt>{t('selfCred.invitations.organiser')}</dt>
        <dd>{inv.organiser.displayName}</dd>
      </dl>
      <details className="sc-participants">
        <summary>{t('selfCred.invitations.participants', { count: inv.participants.length })}</summary>
        <ul>
          {inv.participants.map((p) => (
            <li key={p.email}>
              {p.displayName ? `${p.displayName} (${p.email})` : p.email} — {t(`selfCred.response.${p.response}`)}
            </li>
          ))}
        </ul>
      </details>
      {inv.allowedActions.length > 0 && (
        <div className="sc-actions">
          {inv.allowedActions.includes('accept') && (
            <Button className="button primary" onPress={() => accept.mutate()} isPending={accept.isPending} aria-label={t('selfCred.invitations.acceptLabel', { title: inv.title })}>
              {t('selfCred.invitations.accept')}
            </Button>
          )}
          {inv.allowedActions.includes('deny') && (
            <Button className="button secondary" onPress={onDeny} aria-label={t('selfCred.invitations.denyLabel', { title: inv.title })}>
              {t('selfCred.invitations.deny')}
            </Button>
          )}
          {inv.allowedActions.includes('invite') && (
            <Button className="button secondary" onPress={onInvite} aria-label={t('selfCred.invitations.inviteLabel', { title: inv.title })}>
              {t('selfCred.invitations.invite')}
            </Button>
          )}
        </div>
      )}
    </li>
  );
}

function DenyDialog({ invitation: inv, onClose }: { invitation: Invitation; onClose: () => void }) {
  const qc = useQueryClient();
  const bodyId = useId();
  const deny = useMutation({
    mutationFn: () => api.respond(inv.id, 'deny', inv.version),
    onSuccess: () => {
      notify(t('selfCred.invitations.denied', { title: inv.title }));
      void qc.invalidateQueries({ queryKey: selfCredKeys.invitations });
      onClose();
    },
  });
  return (
    <FormDialog
      title={t('selfCred.invitations.denyTitle')}
      confirmLabel={t('selfCred.invitations.deny')}
      tone="danger"
      pending={deny.isPending}
      error={deny.error}
      onSubmit={() => deny.mutate()}
      onClose={onClose}
      onReload={() => {
        void qc.invalidateQueries({ queryKey: selfCredKeys.invitations });
        onClose();
      }}
      describedBy={bodyId}
    >
      <p id={bodyId}>{t('selfCred.invitations.denyBody', { title: inv.title, when: formatDateTime(inv.startsAt) })}</p>
    </FormDialog>
  );
}

function InviteDialog({ invitation: inv, onClose }: { invitation: Invitation; onClose: () => void }) {
  const qc = useQueryClient();
  const [text, setText] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  const fieldId = useId();
  const invite = useMutation({
    mutationFn: (emails: string[]) => api.invite(inv.id, inv.version, emails),
    onSuccess: (_fresh, emails) => {
      notify(t('selfCred.invitations.invited', { count: emails.length, title: inv.title }));
      void qc.invalidateQueries({ queryKey: selfCredKeys.invitations });
      onClose();
    },
  });
  const emails = splitEmails(text);
  const errors = fieldErrors(invite.error);
  // Per-entry errors name the address, so the person sees which line to fix.
  const entryErrors = Object.entries(errors)
    .filter(([k]) => k.startsWith('emails['))
    .map(([k, msg]) => {
      const i = Number(k.slice(7, -1));
      return t('selfCred.invitations.entryError', { n: i + 1, message: msg });
    });
  const listError = localError ?? errors.emails ?? null;
  const hasError = !!listError || entryErrors.length > 0;
  return (
    <FormDialog
      title={t('selfCred.invitations.inviteTitle', { title: inv.title })}
      confirmLabel={t('selfCred.invitations.sendInvites')}
      pending={invite.isPending}
      error={invite.error && Object.keys(errors).length === 0 ? invite.error : null}
      onSubmit={() => {
        if (emails.length === 0) {
          setLocalError(t('selfCred.invitations.emailsRequired'));
          document.getElementById(fieldId)?.focus();
          return;
        }
        setLocalError(null);
        invite.mutate(emails);
      }}
      onClose={onClose}
      onReload={() => {
        void qc.invalidateQueries({ queryKey: selfCredKeys.invitations });
        onClose();
      }}
    >
      <div className="field">
        <label htmlFor={fieldId}>{t('selfCred.invitations.emails')}</label>
        <span id={`${fieldId}-hint`} className="hint">
          {t('selfCred.invitations.emailsHint')}
        </span>
        <textarea
          id={fieldId}
          rows={4}
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-invalid={hasError ? true : undefined}
          aria-describedby={`${fieldId}-hint${hasError ? ` ${fieldId}-err` : ''}`}
        />
        {hasError && (
          <div id={`${fieldId}-err`} className="field-error">
            {listError && <p>{listError}</p>}
            {entryErrors.length > 0 && (
              <ul>
                {entryErrors.map((e) => (
                  <li key={e}>{e}</li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>
    </FormDialog>
  );
}
