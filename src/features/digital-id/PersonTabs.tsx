import { useQuery } from '@tanstack/react-query';
import type { collectionQuery } from '../../api/collection';
import type {
  Credential,
  DigitalIdAccount,
  DigitalIdPerson,
  MobileIdUserAction,
  MobileIdUserRow,
  SoftwareTokenUserAction,
  SoftwareTokenUserRow,
} from '../../api/types';
import { t } from '../../i18n';
import { QueryState } from '../../ui/QueryState';
import { SearchForm } from '../../ui/SearchForm';
import { SimpleTable } from '../../ui/SimpleTable';
import { StatusBadge } from '../../ui/StatusBadge';
import { useUrlParams } from '../../ui/useUrlParams';
import { mobileIdAction, mobileIdUsersQuery, PAGE_SIZE, softwareTokenAction, softwareTokenUsersQuery } from './api';
import { ConfirmButtons, useConfirm, type ConfirmAction } from './ConfirmDialog';

/** The search form of a person tab: the query goes to the URL when submitted, not on every key. */
function PersonSearch({ label }: { label: string }) {
  const { values, setFilters } = useUrlParams(['q']);
  return (
    <SearchForm
      className="did-search"
      label={label}
      values={values}
      queryLabel={t('digitalId.searchPersons')}
      placeholder={t('digitalId.searchPlaceholder')}
      submitLabel={t('digitalId.search')}
      onSubmit={(patch) => setFilters(patch)}
    />
  );
}

function PersonCell({ person }: { person: DigitalIdPerson }) {
  return (
    <>
      <span className="did-name">{person.displayName}</span>
      <span className="did-sub">
        {person.personalId} · {t(`digitalId.personType.${person.type}`)} · {person.orgUnit}
      </span>
    </>
  );
}

function Credentials({ items, none }: { items: Credential[]; none: string }) {
  if (!items.length) return <span className="did-sub">{none}</span>;
  return (
    <ul className="did-plain-list">
      {items.map((c) => (
        <li key={c.id}>
          {c.label} <StatusBadge status={c.status} />
        </li>
      ))}
    </ul>
  );
}

interface PersonRow<A extends string> {
  person: DigitalIdPerson;
  account: DigitalIdAccount | null;
  allowedActions: A[];
}

/** A tab of persons to administer: heading, search, and a paged table with a yes/no role column, credentials and actions. */
function PersonAdminTab<A extends string, R extends PersonRow<A>>({
  headingId,
  title,
  intro,
  query: makeQuery,
  userColumn,
  credentialsColumn,
  isUser,
  credentials,
  none,
  actions,
}: {
  headingId: string;
  title: string;
  intro: string;
  query: (q: string, page: number) => ReturnType<typeof collectionQuery<R>>;
  userColumn: string;
  credentialsColumn: string;
  isUser: (row: R) => boolean;
  credentials: (row: R) => Credential[];
  none: string;
  actions: (row: R, name: string) => ConfirmAction<A>[];
}) {
  const { values, page, setPage } = useUrlParams(['q']);
  const query = useQuery(makeQuery(values.q, page));
  const [dialog, confirm] = useConfirm();
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      <p className="did-hint">{intro}</p>
      <PersonSearch label={title} />
      <QueryState query={query}>
        {(data) => (
          <SimpleTable
            className="did-table"
            caption={values.q ? t('digitalId.resultsFor', { q: values.q }) : t('digitalId.allPersons')}
            columns={[t('digitalId.col.person'), t('digitalId.col.account'), userColumn, credentialsColumn, t('digitalId.col.actions')]}
            empty={t('digitalId.noPersons')}
            emptyInTable
            paging={{ total: data.total, page: data.page, pageSize: PAGE_SIZE, onPage: setPage }}
            rows={data.items.map((row) => {
              const name = row.person.displayName;
              return (
                <tr key={row.person.id}>
                  <th scope="row">
                    <PersonCell person={row.person} />
                  </th>
                  <td>{row.account?.username ?? <span className="did-sub">{t('digitalId.noAccount')}</span>}</td>
                  <td>{isUser(row) ? t('digitalId.yes') : t('digitalId.no')}</td>
                  <td>
                    <Credentials items={credentials(row)} none={none} />
                  </td>
                  <td className="did-actions">
                    <ConfirmButtons allowed={row.allowedActions} actions={actions(row, name)} confirm={confirm} />
                  </td>
                </tr>
              );
            })}
          />
        )}
      </QueryState>
      {dialog}
    </section>
  );
}

/** Mobile ID administrator: enable or disable persons for mobile ID self-service; lock mobile IDs. */
export function MobileIdTab() {
  return (
    <PersonAdminTab<MobileIdUserAction, MobileIdUserRow>
      headingId="did-mobile-heading"
      title={t('digitalId.tab.mobileIds')}
      intro={t('digitalId.mobile.intro')}
      query={mobileIdUsersQuery}
      userColumn={t('digitalId.col.mobileIdUser')}
      credentialsColumn={t('digitalId.col.mobileIds')}
      isUser={(row) => row.mobileIdUser}
      credentials={(row) => row.mobileIds}
      none={t('digitalId.noMobileIds')}
      actions={(row, name) => [
        {
          action: 'enable',
          className: 'button secondary',
          label: t('digitalId.mobile.enable'),
          ariaLabel: t('digitalId.mobile.enableFor', { name }),
          options: () => ({
            title: t('digitalId.mobile.enableTitle', { name }),
            effects: [t('digitalId.mobile.enableEffect'), ...(row.account ? [] : [t('digitalId.mobile.accountEffect')])],
            confirmLabel: t('digitalId.mobile.enable'),
            run: () => mobileIdAction(row.person.id, 'enable'),
            done: t('digitalId.mobile.enabled', { name }),
          }),
        },
        {
          action: 'disable',
          className: 'button secondary',
          label: t('digitalId.mobile.disable'),
          ariaLabel: t('digitalId.mobile.disableFor', { name }),
          options: () => ({
            title: t('digitalId.mobile.disableTitle', { name }),
            effects: [t('digitalId.mobile.disableEffect')],
            confirmLabel: t('digitalId.mobile.disable'),
            danger: true,
            run: () => mobileIdAction(row.person.id, 'disable'),
            done: t('digitalId.mobile.disabled', { name }),
          }),
        },
        {
          action: 'lock',
          className: 'button danger',
          label: t('digitalId.mobile.lock'),
          ariaLabel: t('digitalId.mobile.lockFor', { name }),
          options: () => ({
            title: t('digitalId.mobile.lockTitle', { name }),
            effects: [t('digitalId.mobile.lockEffect'), t('digitalId.mobile.lockFinal')],
            confirmLabel: t('digitalId.mobile.lock'),
            danger: true,
            reasons: row.lockReasons,
            run: ({ reason }) => mobileIdAction(row.person.id, 'lock', reason),
            done: t('digitalId.mobile.locked', { name }),
          }),
        },
      ]}
    />
  );
}

/** Software token administrator: enable self-service for employees; start software token requests. */
export function SoftwareTokenTab() {
  return (
    <PersonAdminTab<SoftwareTokenUserAction, SoftwareTokenUserRow>
      headingId="did-token-heading"
      title={t('digitalId.tab.softwareTokens')}
      intro={t('digitalId.token.intro')}
      query={softwareTokenUsersQuery}
      userColumn={t('digitalId.col.tokenUser')}
      credentialsColumn={t('digitalId.col.tokens')}
      isUser={(row) => row.softwareTokenUser}
      credentials={(row) => row.softwareTokens}
      none={t('digitalId.noTokens')}
      actions={(row, name) => [
        {
          action: 'enable',
          className: 'button secondary',
          label: t('digitalId.token.enable'),
          ariaLabel: t('digitalId.token.enableFor', { name }),
          options: () => ({
            title: t('digitalId.token.enableTitle', { name }),
            effects: [t('digitalId.token.enableEffect'), ...(row.account ? [] : [t('digitalId.mobile.accountEffect')])],
            confirmLabel: t('digitalId.token.enable'),
            run: () => softwareTokenAction(row.person.id, 'enable'),
            done: t('digitalId.token.enabled', { name }),
          }),
        },
        {
          action: 'start-request',
          className: 'button primary',
          label: t('digitalId.token.start'),
          ariaLabel: t('digitalId.token.startFor', { name }),
          options: () => ({
            title: t('digitalId.token.startTitle', { name }),
            effects: [t('digitalId.token.startEffect'), t('digitalId.token.startEffect2')],
            confirmLabel: t('digitalId.token.start'),
            run: () => softwareTokenAction(row.person.id, 'start-request'),
            done: t('digitalId.token.started', { name }),
          }),
        },
      ]}
    />
  );
}
