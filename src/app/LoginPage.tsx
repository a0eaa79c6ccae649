import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Navigate, useSearchParams } from 'react-router-dom';
import { ROLES, type RoleDefinition } from '../access/model';
import { DEMO_ACCOUNTS, toKebab } from '../access/personas';
import { useSession, useSignIn, useTenantChoices } from '../access/session';
import { ApiError } from '../api/client';
import { t, useLocale, type MessageKey } from '../i18n';
import { LanguagePicker } from './LanguagePicker';
import { roleDescription } from '../ui/labels';
import { usePageTitle } from '../ui/usePageTitle';
import { demoControls } from './demo';
import { CredentialFields } from './CredentialFields';
import { DemoBannerSlot } from './DemoBannerSlot';
import { safeNext } from './paths';
import { signInErrorText } from './signInError';
import '../features/admin/tenants/tenants.css';

type Group = 'PRIME' | 'self-service' | 'Digital ID' | 'system' | 'combined';
const groupOf = (r: RoleDefinition): Group =>
  r.kind === 'system' ? 'system' : r.kind === 'self-service' ? 'self-service' : r.area;
const GROUPS: Group[] = ['PRIME', 'self-service', 'Digital ID', 'system', 'combined'];
/** What each account with combined roles is for. */
const COMBINED: Record<string, MessageKey> = { 'multi-role': 'login.multiRole', 'role-batch-officer': 'login.roleBatchOfficer' };

export default function LoginPage() {
  useLocale();
  usePageTitle(t('login.title'));
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const { data: session } = useSession();
  const signIn = useSignIn();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  // Kept as message keys, so a change of language re-words them.
  const [fieldErrors, setFieldErrors] = useState<{ username?: MessageKey; password?: MessageKey }>({});
  const usernameRef = useRef<HTMLInputElement>(null);
  const ids = { formErr: useId(), tenant: useId(), tenantHint: useId(), tenantErr: useId() };
  // The picker shows only when there is a choice; without it the backend takes the default tenant.
  const choices = useTenantChoices();
  const tenants = choices.data?.items ?? [];
  const demo = demoControls() !== null;
  const [chosenTenant, setChosenTenant] = useState<string | null>(null);
  const tenantId = chosenTenant ?? tenants[0]?.id ?? null;
  const tenant = tenants.find((x) => x.id === tenantId);
  // Until the tenants have arrived, the picker's place is kept (disabled), so the form does not jump
  // when they do: a Sign in button that moved under the pointer would take the press elsewhere.
  const tenantsLoading = choices.isPending;
  const showPicker = tenants.length > 1 || tenantsLoading;

  useEffect(() => usernameRef.current?.focus(), []);

  if (session) return <Navigate to={next} replace />;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const errors: typeof fieldErrors = {};
    if (!username.trim()) errors.username = 'login.usernameRequired';
    if (!password) errors.password = 'login.passwordRequired';
    setFieldErrors(errors);
    if (errors.username || errors.password) return;
    signIn.mutate({ username: username.trim(), password, ...(showPicker && tenantId ? { tenant: tenantId } : {}) });
  };

  let formError: string | null = null;
  let tenantError: string | null = null;
  if (signIn.error) {
    const err = signIn.error;
    if (err instanceof ApiError && err.status === 422 && err.problem.errors?.tenant) tenantError = t('tenants.picker.unknown');
    formError = tenantError ? null : signInErrorText(err);
  }

  const fill = (name: string) => {
    setUsername(name);
    setPassword('demo');
    setFieldErrors({});
    usernameRef.current?.focus();
  };

  return (
    <>
    <DemoBannerSlot />
    <main id="main" className="login">
      <div className="login-card">
        <LanguagePicker className="login-language" />
        <h1>{t('login.title')}</h1>
        <form onSubmit={onSubmit} noValidate aria-describedby={formError ? ids.formErr : undefined}>
          {formError && (
            <p id={ids.formErr} className="form-error" role="alert">
              {formError}
            </p>
          )}
          <CredentialFields
            username={username}
            password={password}
            onUsername={setUsername}
            onPassword={setPassword}
            errors={{ username: fieldErrors.username && t(fieldErrors.username), password: fieldErrors.password && t(fieldErrors.password) }}
            usernameRef={usernameRef}
          />
          {showPicker && (
            <div className="field tenant-picker">
              <label htmlFor={ids.tenant}>{t('tenants.picker.label')}</label>
              <div className="tenant-picker-row">
                {tenant?.logo ? <img className="tenant-logo" src={tenant.logo} alt="" width={28} height={28} /> : <span className="tenant-logo" aria-hidden="true" />}
                <select
                  id={ids.tenant}
                  name="tenant"
                  value={tenantId ?? ''}
                  onChange={(e) => setChosenTenant(e.target.value)}
                  aria-describedby={[ids.tenantHint, tenantError ? ids.tenantErr : ''].filter(Boolean).join(' ')}
                  aria-invalid={tenantError ? true : undefined}
                  disabled={tenantsLoading}
                >
                  {tenantsLoading && <option value="">{t('tenants.picker.loading')}</option>}
                  {tenants.map((x) => (
                    <option key={x.id} value={x.id}>
                      {x.name}
                    </option>
                  ))}
                </select>
              </div>
              <span id={ids.tenantHint} className="field-hint">
                {t('tenants.picker.hint')}
              </span>
              {tenantError && (
                <span id={ids.tenantErr} className="field-error">
                  {tenantError}
                </span>
              )}
            </div>
          )}
          <button type="submit" className="button primary" disabled={signIn.isPending}>
            {signIn.isPending ? t('login.submitting') : t('login.submit')}
          </button>
        </form>
      </div>
      {demo && <PersonaList onPick={fill} />}
    </main>
    </>
  );
}

function PersonaList({ onPick }: { onPick: (username: string) => void }) {
  const byGroup = new Map<Group, { username: string; name: string; description: string }[]>();
  for (const account of DEMO_ACCOUNTS) {
    const roles = account.roles.map((id) => ROLES.find((r) => r.id === id)!);
    const group: Group = roles.length > 1 ? 'combined' : groupOf(roles[0]!);
    const entry = {
      username: account.username,
      name: roles.map((r) => r.name).join(' + '),
      description: roles.length > 1 ? t(COMBINED[account.username] ?? 'login.multiRole') : roleDescription(roles[0]!),
    };
    byGroup.set(group, [...(byGroup.get(group) ?? []), entry]);
  }
  return (
    <section className="personas" aria-labelledby="personas-title">
      <h2 id="personas-title">{t('login.personasTitle')}</h2>
      <p>{t('login.personasIntro')}</p>
      {GROUPS.map((g) => (
        <section key={g} aria-labelledby={`group-${toKebab(g)}`}>
          <h3 id={`group-${toKebab(g)}`}>{t(`login.group.${g}` as MessageKey)}</h3>
          <ul className="persona-list">
            {byGroup.get(g)?.map((p) => (
              <li key={p.username}>
                <button
                  type="button"
                  className="persona"
                  onClick={() => onPick(p.username)}
                  title={t('login.usePersona', { username: p.username })}
                >
                  <span className="persona-name">{p.name}</span>
                  <code>{p.username}</code>
                  <span className="persona-desc">{p.description}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}
