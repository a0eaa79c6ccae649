import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { ApiError } from '../../api/client';
import type { SelfServiceMe } from '../../api/types';
import { can } from '../../access/model';
import { useSession } from '../../access/session';
import { formatDate, t } from '../../i18n';
import { notify } from '../../ui/toast';
import { focusFirstOf, FormDialog, type FieldDef } from './FormDialog';
import { changePassword, deregister, meQuery, register, resetPassword, setSecurityPassword } from './selfServiceApi';

/** The demo build keeps a changed password until its data is reset; a deployment needs no such note. */
const IN_DEMO = import.meta.env.VITE_DEMO === 'true';

const CURRENT: FieldDef = {
  name: 'currentPassword',
  label: 'self.field.currentPassword',
  hint: 'self.field.currentPasswordHint',
  kind: 'password',
  secret: true,
  autoComplete: 'current-password',
};
const NEW_PASSWORD: FieldDef[] = [
  { name: 'newPassword', label: 'self.field.newPassword', hint: 'self.field.newPasswordHint', kind: 'password', secret: true, autoComplete: 'new-password' },
  { name: 'confirmPassword', label: 'self.field.confirmPassword', kind: 'password', secret: true, autoComplete: 'new-password', sameAs: 'newPassword' },
];
const SECURITY: FieldDef[] = [
  { name: 'securityPassword', label: 'self.field.securityPassword', hint: 'self.field.securityPasswordHint', kind: 'password', secret: true, autoComplete: 'off' },
  { name: 'confirmSecurityPassword', label: 'self.field.confirmSecurityPassword', kind: 'password', secret: true, autoComplete: 'off', sameAs: 'securityPassword' },
];

type Open = 'password' | 'security' | 'forgot' | 'deregister' | null;

/** Password, security password and self-service registration: only what the caller's permissions allow. */
export function AccountSections({ me }: { me: SelfServiceMe }) {
  const { data: session } = useSession();
  const qc = useQueryClient();
  const [open, setOpen] = useState<Open>(null);
  const [registering, setRegistering] = useState(false);
  const [registerError, setRegisterError] = useState<string | null>(null);
  const registrationHeading = useRef<HTMLHeadingElement>(null);
  const reload = () => qc.invalidateQueries({ queryKey: meQuery.queryKey });
  const mayPassword = can(session, 'self:reset-password');
  const maySecurity = can(session, 'self:register-security-password');
  const mayRegister = can(session, 'self:register');
  const mayDeregister = can(session, 'self:deregister');

  const close = (done: boolean) => {
    const was = open;
    setOpen(null);
    // The button that opened the dialog may be gone after a change of registration.
    if (done && was === 'deregister') focusFirstOf('ss-registration-title');
  };

  return (
    <>
      {(mayPassword || maySecurity) && (
        <section aria-labelledby="ss-account-title" className="panel ss-section">
          <h2 id="ss-account-title">{t('self.account')}</h2>
          {mayPassword && (
            <>
              {IN_DEMO && <p className="muted">{t('self.passwordDemoNote')}</p>}
              <p className="ss-buttons">
                <button type="button" className="button secondary" onClick={() => setOpen('password')}>
                  {t('self.changePassword')}
                </button>
                {me.securityPassword.registered && (
                  <button type="button" className="button secondary" onClick={() => setOpen('forgot')}>
                    {t('self.forgotPassword')}
                  </button>
                )}
              </p>
            </>
          )}
          {maySecurity && (
            <>
              <h3>{t('self.securityPassword')}</h3>
              <p>
                {me.securityPassword.registered && me.securityPassword.at
                  ? t('self.securityPasswordSet', { date: formatDate(me.securityPassword.at) })
                  : t('self.securityPasswordNone')}
              </p>
              {me.registration.registered ? (
                <p>
                  <button type="button" className="button secondary" onClick={() => setOpen('security')}>
                    {me.securityPassword.registered ? t('self.changeSecurityPassword') : t('self.registerSecurityPassword')}
                  </button>
                </p>
              ) : (
                <p className="muted">{t('self.securityPasswordNeedsRegistration')}</p>
              )}
            </>
          )}
        </section>
      )}

      {(mayRegister || mayDeregister) && (
        <section aria-labelledby="ss-registration-title" className="panel ss-section">
          <h2 id="ss-registration-title" ref={registrationHeading} tabIndex={-1}>
            {t('self.registration')}
          </h2>
          <p>
            {me.registration.registered && me.registration.at
              ? t('self.registered', { date: formatDate(me.registration.at) })
              : t('self.notRegistered')}
          </p>
          {me.registration.registered
            ? mayDeregister && (
                <button type="button" className="button danger" onClick={() => setOpen('deregister')}>
                  {t('self.deregister')}
                </button>
              )
            : mayRegister && (
                <button
                  type="button"
                  className="button primary"
                  disabled={registering}
                  onClick={() => {
                    setRegistering(true);
                    setRegisterError(null);
                    register()
                      .then(() => reload())
                      .then(() => {
                        notify(t('self.registerDone'));
                        registrationHeading.current?.focus();
                      })
                      .catch((e: unknown) => setRegisterError(t('self.error.failed', { detail: e instanceof ApiError ? (e.problem.detail ?? e.problem.title) : String(e) })))
                      .finally(() => setRegistering(false));
                  }}
                >
                  {registering ? t('self.working') : t('self.register')}
                </button>
              )}
          {registerError && (
            <p className="form-error" role="alert">
              {registerError}
            </p>
          )}
        </section>
      )}

      {open === 'password' && (
        <FormDialog
          title={t('self.changePassword')}
          fields={[...NEW_PASSWORD, CURRENT]}
          confirmLabel={t('self.changePassword')}
          onClose={close}
          onSubmit={async (v) => {
            await changePassword({ currentPassword: v.currentPassword!, newPassword: v.newPassword! });
            notify(t('self.changePasswordDone'));
          }}
        />
      )}
      {open === 'forgot' && (
        <FormDialog
          title={t('self.forgotPassword')}
          intro={t('self.forgotPasswordIntro')}
          fields={[{ ...SECURITY[0]!, hint: undefined }, ...NEW_PASSWORD]}
          confirmLabel={t('self.forgotPassword')}
          onClose={close}
          onSubmit={async (v) => {
            await resetPassword({ securityPassword: v.securityPassword!, newPassword: v.newPassword! });
            notify(t('self.forgotPasswordDone'));
          }}
        />
      )}
      {open === 'security' && (
        <FormDialog
          title={me.securityPassword.registered ? t('self.changeSecurityPassword') : t('self.registerSecurityPassword')}
          fields={[...SECURITY, CURRENT]}
          confirmLabel={me.securityPassword.registered ? t('self.changeSecurityPassword') : t('self.registerSecurityPassword')}
          onClose={close}
          onSubmit={async (v) => {
            await setSecurityPassword({ currentPassword: v.currentPassword!, securityPassword: v.securityPassword! });
            await reload();
            notify(t('self.securityPasswordDone'));
          }}
        />
      )}
      {open === 'deregister' && (
        <FormDialog
          title={t('self.deregister')}
          intro={t('self.deregisterIntro')}
          fields={[CURRENT]}
          confirmLabel={t('self.deregisterConfirm')}
          danger
          onClose={close}
          onSubmit={async (v) => {
            await deregister({ currentPassword: v.currentPassword! });
            await reload();
            notify(t('self.deregisterDone'));
          }}
        />
      )}
    </>
  );
}
