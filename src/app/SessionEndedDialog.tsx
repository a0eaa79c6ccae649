import { useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { Dialog, Heading, Modal } from 'react-aria-components';
import { useNavigate } from 'react-router-dom';
import { apiFetch } from '../api/client';
import type { SessionInfo } from '../api/types';
import { resetClientState, sessionKey, useEndedSession, type EndedSession } from '../access/session';
import { t } from '../i18n';
import { notify } from '../ui/toast';
import { CredentialFields } from './CredentialFields';
import { paths } from './paths';
import { signInErrorText } from './signInError';

/**
 * Over whatever the person was doing when their session ended: sign in again, and what they typed is
 * still there and what they sent goes through. If someone else signs in, what waited is discarded and
 * nothing is sent on the first person's behalf; signing out discards it too.
 */
export function SessionEndedDialog() {
  const ended = useEndedSession();
  // Keyed by the ended session, so a second ending starts with an empty password.
  return ended ? <SignInAgain key={ended.previous.user.id + ended.previous.tenant.id} ended={ended} /> : null;
}

function SignInAgain({ ended }: { ended: EndedSession }) {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { previous } = ended;
  const [username, setUsername] = useState(previous.user.username);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const ids = { err: useId(), text: useId() };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!username.trim() || !password) {
      setError(t('session.ended.fieldsRequired'));
      return;
    }
    setPending(true);
    setError(null);
    try {
      const next = await apiFetch<SessionInfo>('/session', { method: 'POST', body: { username: username.trim(), password, tenant: previous.tenant.id } });
      if (next.user.id === previous.user.id && next.tenant.id === previous.tenant.id) {
        qc.setQueryData(sessionKey, next);
        ended.resolve('same');
        return;
      }
      // Another person: what waited fails first (it is never sent), then the console is theirs.
      ended.resolve('other');
      resetClientState(qc, next);
      navigate(paths.start(), { replace: true });
      notify(t('session.ended.otherPerson', { name: next.user.displayName, previous: previous.user.displayName }));
    } catch (err) {
      setError(signInErrorText(err));
      setPassword('');
    } finally {
      setPending(false);
    }
  };

  const signOut = () => {
    ended.resolve('none');
    resetClientState(qc, null);
    navigate(paths.login(), { replace: true });
  };

  return (
    <Modal className="modal" isOpen isDismissable={false} isKeyboardDismissDisabled>
      <Dialog className="dialog" role="alertdialog" aria-describedby={ids.text}>
        <Heading slot="title">{t('session.ended.title')}</Heading>
        <p id={ids.text}>{t('session.ended.body', { name: previous.user.displayName })}</p>
        <form onSubmit={(e) => void onSubmit(e)} noValidate className="dialog-form" aria-describedby={error ? ids.err : undefined}>
          {error && (
            <p id={ids.err} className="form-error" role="alert">
              {error}
            </p>
          )}
          <CredentialFields username={username} password={password} onUsername={setUsername} onPassword={setPassword} focusPassword />
          <div className="dialog-actions">
            <button type="button" className="button secondary" onClick={signOut} disabled={pending}>
              {t('session.ended.signOut')}
            </button>
            <button type="submit" className="button primary" disabled={pending}>
              {pending ? t('login.submitting') : t('session.ended.submit')}
            </button>
          </div>
        </form>
      </Dialog>
    </Modal>
  );
}
