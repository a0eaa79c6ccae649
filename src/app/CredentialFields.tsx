import { useId, type Ref } from 'react';
import { t } from '../i18n';

/** The username and password fields of the sign-in page and of the sign-in-again dialog. */
export function CredentialFields({
  username,
  password,
  onUsername,
  onPassword,
  errors = {},
  usernameRef,
  focusPassword = false,
}: {
  username: string;
  password: string;
  onUsername: (value: string) => void;
  onPassword: (value: string) => void;
  errors?: { username?: string; password?: string };
  usernameRef?: Ref<HTMLInputElement>;
  /** The username is known already (signing in again): the password is what the person types. */
  focusPassword?: boolean;
}) {
  const ids = { user: useId(), pass: useId(), userErr: useId(), passErr: useId() };
  return (
    <>
      <div className="field">
        <label htmlFor={ids.user}>{t('login.username')}</label>
        <input
          id={ids.user}
          ref={usernameRef}
          name="username"
          autoComplete="username"
          value={username}
          onChange={(e) => onUsername(e.target.value)}
          aria-invalid={errors.username ? true : undefined}
          aria-describedby={errors.username ? ids.userErr : undefined}
        />
        {errors.username && (
          <span id={ids.userErr} className="field-error">
            {errors.username}
          </span>
        )}
      </div>
      <div className="field">
        <label htmlFor={ids.pass}>{t('login.password')}</label>
        <input
          id={ids.pass}
          name="password"
          type="password"
          autoComplete="current-password"
          autoFocus={focusPassword}
          value={password}
          onChange={(e) => onPassword(e.target.value)}
          aria-invalid={errors.password ? true : undefined}
          aria-describedby={errors.password ? ids.passErr : undefined}
        />
        {errors.password && (
          <span id={ids.passErr} className="field-error">
            {errors.password}
          </span>
        )}
      </div>
    </>
  );
}
