import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import type { UserAction, UserDetail } from '../../api/types';
import { formatDateTime, t } from '../../i18n';
import { PageBreadcrumbs } from '../../ui/PageBreadcrumbs';
import { Facts, Panel, type Fact } from '../../ui/Panel';
import { QueryState } from '../../ui/QueryState';
import { StatusBadge } from '../../ui/StatusBadge';
import { useFocusAfter } from '../../ui/useFocusAfter';
import { usePageTitle } from '../../ui/usePageTitle';
import { UserActionDialog } from './UserActionDialog';
import { rolePath, userQuery, usersPath } from './userApi';
import './users.css';

/** The status actions and the password reset, in the order the buttons are shown. */
const PANEL_ACTIONS: readonly UserAction[] = ['assign-role', 'activate', 'reactivate', 'deactivate', 'reset-password'];

type Open = { action: UserAction; role?: string } | null;

function AccountFacts({ user }: { user: UserDetail }) {
  const facts: Fact[] = [
    [t('users.field.username'), <code>{user.username}</code>],
    [t('users.field.name'), user.displayName],
    [t('users.field.email'), user.email ?? t('users.none')],
    [t('users.field.orgUnit'), user.orgUnit ?? t('users.none')],
    [t('users.field.status'), <StatusBadge status={user.status} />],
    [t('users.field.passwordReset'), user.passwordResetAt ? formatDateTime(user.passwordResetAt) : t('users.never')],
  ];
  return (
    <Panel title={t('users.section.account')}>
      <Facts facts={facts} />
    </Panel>
  );
}

/** The account's roles; De-assign per role where the backend allows it, or why not (the lock-out rule). */
function Roles({ user, onDeassign }: { user: UserDetail; onDeassign: (role: string) => void }) {
  const id = useId();
  const mayDeassign = user.allowedActions.includes('de-assign-role') || user.roles.some((r) => r.blockedBecause);
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>{t('users.section.roles')}</h2>
      {user.roles.length === 0 ? (
        <p className="muted">{t('users.noRoles')}</p>
      ) : (
        <table className="simple-table users-roles">
          <caption className="visually-hidden">{t('users.rolesCaption', { name: user.displayName })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('users.col.role')}</th>
              <th scope="col">{t('users.col.reference')}</th>
              {mayDeassign && <th scope="col">{t('users.col.action')}</th>}
            </tr>
          </thead>
          <tbody>
            {user.roles.map((r) => (
              <tr key={r.id}>
                <th scope="row">
                  <Link to={rolePath(r.id)}>{r.name}</Link>
                </th>
                <td>
                  <code>{r.id}</code>
                </td>
                {mayDeassign && (
                  <td>
                    {r.blockedBecause ? (
                      <>
                        <button type="button" className="button secondary" disabled aria-describedby={`${id}-${r.id}`}>
                          {t('users.action.de-assign-role')}
                        </button>
                        <span id={`${id}-${r.id}`} className="users-blocked">
                          {r.blockedBecause}
                        </span>
                      </>
                    ) : user.allowedActions.includes('de-assign-role') ? (
                      <button
                        type="button"
                        className="button secondary"
                        aria-label={t('users.deassignLabel', { role: r.name })}
                        onClick={() => onDeassign(r.id)}
                      >
                        {t('users.action.de-assign-role')}
                      </button>
                    ) : null}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function ActionPanel({ user, onAction }: { user: UserDetail; onAction: (a: UserAction) => void }) {
  const id = useId();
  const allowed = PANEL_ACTIONS.filter((a) => user.allowedActions.includes(a));
  const readOnly = user.allowedActions.length === 0 && user.blockedActions.length === 0 && !user.roles.some((r) => r.blockedBecause);
  return (
    <aside className="action-panel" aria-labelledby={id}>
      <h2 id={id}>{t('users.whatToDo')}</h2>
      {readOnly && <p className="muted">{t('users.readOnly')}</p>}
      {!readOnly && allowed.length === 0 && user.blockedActions.length === 0 && <p className="muted">{t('users.noActions')}</p>}
      <ul>
        {allowed.map((a) => (
          <li key={a}>
            <button type="button" className={a === 'deactivate' ? 'button danger action-button' : 'button secondary action-button'} onClick={() => onAction(a)}>
              {t(`users.action.${a}`)}
            </button>
          </li>
        ))}
        {user.blockedActions.map((b) => (
          <li key={b.action}>
            <button type="button" className="button secondary action-button" disabled aria-describedby={`${id}-${b.action}`}>
              {t(`users.action.${b.action}`)}
            </button>
            <span id={`${id}-${b.action}`} className="users-blocked">
              {b.reason}
            </span>
          </li>
        ))}
      </ul>
    </aside>
  );
}

/**
 * A PRIME user: the account's facts and roles, and exactly the actions the backend allows the caller on
 * it now. Every action confirms in a dialog that says what will happen.
 */
export default function UserPage() {
  const { id = '' } = useParams();
  const query = useQuery(userQuery(id));
  const [open, setOpen] = useState<Open>(null);
  const [doneAt, setDoneAt] = useState(0);
  // After an action the button pressed may be gone: focus goes to the account's heading.
  const heading = useFocusAfter<HTMLHeadingElement>(doneAt);
  const title = query.data ? `${query.data.displayName} (${query.data.username})` : t('users.title');
  usePageTitle(title);

  const notFound = query.error instanceof ApiError && query.error.status === 404;
  return (
    <div className="object-page users-page">
      <PageBreadcrumbs label={t('users.breadcrumbs')} parent={{ to: usersPath, text: t('users.title') }} current={title} />
      {notFound ? (
        <>
          <h1>{t('users.title')}</h1>
          <p role="alert">{t('users.notFound')}</p>
        </>
      ) : (
        <QueryState query={query}>
          {(user) => (
            <>
              <h1 ref={heading} tabIndex={-1}>
                {title}
              </h1>
              <div className="object-layout">
                <div className="users-main">
                  <AccountFacts user={user} />
                  <Roles user={user} onDeassign={(role) => setOpen({ action: 'de-assign-role', role })} />
                </div>
                <ActionPanel user={user} onAction={(action) => setOpen({ action })} />
              </div>
              {open && (
                <UserActionDialog
                  user={user}
                  action={open.action}
                  role={open.role}
                  onClose={() => setOpen(null)}
                  onDone={() => setDoneAt((n) => n + 1)}
                />
              )}
            </>
          )}
        </QueryState>
      )}
    </div>
  );
}
