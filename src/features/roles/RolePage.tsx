import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { hasRight } from '../../access/model';
import { useSession } from '../../access/session';
import type { RoleInfo } from '../../api/types';
import { t } from '../../i18n';
import { PageBreadcrumbs } from '../../ui/PageBreadcrumbs';
import { Facts, Panel, type Fact } from '../../ui/Panel';
import { QueryState } from '../../ui/QueryState';
import { rightsText, roleDescription } from '../../ui/labels';
import { usePageTitle } from '../../ui/usePageTitle';
import { rolesPath, rolesQuery, userPath } from './rolesApi';
import './roles.css';

function RoleView({ role }: { role: RoleInfo }) {
  const { data: session } = useSession();
  // Holders link to their user page only for someone who may open it.
  const mayOpenUsers = hasRight(session, 'User Administration');
  const facts: Fact[] = [
    [t('roles.field.reference'), <code>{role.id}</code>],
    [t('roles.field.area'), role.area],
    [t('roles.field.rights'), rightsText(role.rights) || t('roles.noRights')],
    [t('roles.field.designer'), rightsText(role.designer)],
    [t('roles.field.explorer'), rightsText(role.explorer)],
    [t('roles.field.assignable'), role.assignableToPerson ? t('roles.yes') : t('roles.noSystem')],
  ];
  return (
    <div className="roles-main">
      <p>{roleDescription(role)}</p>
      <Panel title={t('roles.section.role')}>
        <Facts facts={facts} />
      </Panel>
      <Panel title={t('roles.section.permissions')}>
        {role.permissions.length ? (
          <ul className="roles-perms">
            {role.permissions.map((p) => (
              <li key={p}>
                <code>{p}</code>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t('roles.noPermissions')}</p>
        )}
      </Panel>
      <Panel title={`${t('roles.section.holders')} (${role.holders.length})`}>
        {role.holders.length ? (
          <ul className="roles-holders">
            {role.holders.map((h) => (
              <li key={h.id}>
                {mayOpenUsers ? <Link to={userPath(h.id)}>{h.displayName}</Link> : h.displayName} <span className="muted">({h.username})</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t('roles.noHolders')}</p>
        )}
      </Panel>
    </div>
  );
}

/** One role: what it grants and the accounts of the tenant that hold it. */
export default function RolePage() {
  const { id = '' } = useParams();
  const query = useQuery(rolesQuery());
  const role = query.data?.items.find((r) => r.id === id);
  const title = role?.name ?? id;
  usePageTitle(title);
  return (
    <div className="object-page roles-page">
      <PageBreadcrumbs label={t('roles.breadcrumbs')} parent={{ to: rolesPath, text: t('roles.title') }} current={title} />
      <h1>{title}</h1>
      <QueryState query={query}>
        {(data) => {
          const found = data.items.find((r) => r.id === id);
          return found ? <RoleView role={found} /> : <p role="alert">{t('roles.notFound', { id })}</p>;
        }}
      </QueryState>
    </div>
  );
}
