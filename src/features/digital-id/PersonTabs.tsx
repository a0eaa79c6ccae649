import { useQuery } from '@tanstack/react-query';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import type { Credential, DigitalIdPerson } from '../../api/types';
import { t } from '../../i18n';
import { Pager } from '../../ui/Pager';
import { QueryState } from '../../ui/QueryState';
import { StatusBadge } from '../../ui/StatusBadge';
import { useUrlParams } from '../../ui/useUrlParams';
import { mobileIdAction, mobileIdUsersQuery, PAGE_SIZE, softwareTokenAction, softwareTokenUsersQuery } from './api';
import { useConfirm } from './ConfirmDialog';

/** The search form of a person tab: the query goes to the URL when submitted, not on every key. */
function PersonSearch({ label }: { label: string }) {
  const { values, setFilters } = useUrlParams(['q']);
  const [text, setText] = useState(values.q);
  const id = useId();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setFilters({ q: text.trim() });
  };
  return (
    <form className="did-search" role="search" aria-label={label} onSubmit={submit}>
      <div className="field">
        <label htmlFor={id}>{t('digitalId.searchPersons')}</label>
        <input id={id} type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder={t('digitalId.searchPlaceholder')} />
      </div>
      <button type="submit" className="button primary">
        {t('digitalId.search')}
      </button>
    </form>
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

/** Rows of persons with their actions: a table with a caption, a pager, and an empty state. */
function PersonTable({ caption, head, rows, total, page, onPage }: { caption: string; head: string[]; rows: ReactNode[]; total: number; page: number; onPage: (p: number) => void }) {
  return (
    <>
      <div className="table-wrap">
        <table className="simple-table did-table">
          <caption>{caption}</caption>
          <thead>
            <tr>
              {head.map((h) => (
                <th scope="col" key={h}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.length ? (
              rows
            ) : (
              <tr>
                <td colSpan={head.length}>{t('digitalId.noPersons')}</td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <Pager total={total} page={page} pageSize={PAGE_SIZE} onPage={onPage} />
    </>
  );
}

/** Mobile ID administrator: enable or disable persons for mobile ID self-service; lock mobile IDs. */
export function MobileIdTab() {
  const { values, page, setPage } = useUrlParams(['q']);
  const query = useQuery(mobileIdUsersQuery(values.q, page));
  const [dialog, confirm] = useConfirm();
  return (
    <section aria-labelledby="did-mobile-heading">
      <h2 id="did-mobile-heading">{t('digitalId.tab.mobileIds')}</h2>
      <p className="did-hint">{t('digitalId.mobile.intro')}</p>
      <PersonSearch label={t('digitalId.tab.mobileIds')} />
      <QueryState query={query}>
        {(data) => (
          <PersonTable
            caption={values.q ? t('digitalId.resultsFor', { q: values.q }) : t('digitalId.allPersons')}
            head={[t('digitalId.col.person'), t('digitalId.col.account'), t('digitalId.col.mobileIdUser'), t('digitalId.col.mobileIds'), t('digitalId.col.actions')]}
            total={data.total}
            page={data.page}
            onPage={setPage}
            rows={data.items.map((row) => {
              const name = row.person.displayName;
              return (
                <tr key={row.person.id}>
                  <th scope="row">
                    <PersonCell person={row.person} />
                  </th>
                  <td>{row.account?.username ?? <span className="did-sub">{t('digitalId.noAccount')}</span>}</td>
                  <td>{row.mobileIdUser ? t('digitalId.yes') : t('digitalId.no')}</td>
                  <td>
                    <Credentials items={row.mobileIds} none={t('digitalId.noMobileIds')} />
                  </td>
                  <td className="did-actions">
                    {row.allowedActions.includes('enable') && (
                      <button
                        type="button"
                        className="button secondary"
                        aria-label={t('digitalId.mobile.enableFor', { name })}
                        onClick={() =>
                          confirm({
                            title: t('digitalId.mobile.enableTitle', { name }),
                            effects: [t('digitalId.mobile.enableEffect'), ...(row.account ? [] : [t('digitalId.mobile.accountEffect')])],
                            confirmLabel: t('digitalId.mobile.enable'),
                            run: () => mobileIdAction(row.person.id, 'enable'),
                            done: t('digitalId.mobile.enabled', { name }),
                          })
                        }
                      >
                        {t('digitalId.mobile.enable')}
                      </button>
                    )}
                    {row.allowedActions.includes('disable') && (
                      <button
                        type="button"
                        className="button secondary"
                        aria-label={t('digitalId.mobile.disableFor', { name })}
                        onClick={() =>
                          confirm({
                            title: t('digitalId.mobile.disableTitle', { name }),
                            effects: [t('digitalId.mobile.disableEffect')],
                            confirmLabel: t('digitalId.mobile.disable'),
                            danger: true,
                            run: () => mobileIdAction(row.person.id, 'disable'),
                            done: t('digitalId.mobile.disabled', { name }),
                          })
                        }
                      >
                        {t('digitalId.mobile.disable')}
                      </button>
                    )}
                    {row.allowedActions.includes('lock') && (
                      <button
                        type="button"
                        className="button danger"
                        aria-label={t('digitalId.mobile.lockFor', { name })}
                        onClick={() =>
                          confirm({
                            title: t('digitalId.mobile.lockTitle', { name }),
                            effects: [t('digitalId.mobile.lockEffect'), t('digitalId.mobile.lockFinal')],
                            confirmLabel: t('digitalId.mobile.lock'),
                            danger: true,
                            reasons: row.lockReasons,
                            run: ({ reason }) => mobileIdAction(row.person.id, 'lock', reason),
                            done: t('digitalId.mobile.locked', { name }),
                          })
                        }
                      >
                        {t('digitalId.mobile.lock')}
                      </button>
                    )}
                    {!row.allowedActions.length && <span className="did-sub">{t('digitalId.noActions')}</span>}
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

/** Software token administrator: enable self-service for employees; start software token requests. */
export function SoftwareTokenTab() {
  const { values, page, setPage } = useUrlParams(['q']);
  const query = useQuery(softwareTokenUsersQuery(values.q, page));
  const [dialog, confirm] = useConfirm();
  return (
    <section aria-labelledby="did-token-heading">
      <h2 id="did-token-heading">{t('digitalId.tab.softwareTokens')}</h2>
      <p className="did-hint">{t('digitalId.token.intro')}</p>
      <PersonSearch label={t('digitalId.tab.softwareTokens')} />
      <QueryState query={query}>
        {(data) => (
          <PersonTable
            caption={values.q ? t('digitalId.resultsFor', { q: values.q }) : t('digitalId.allPersons')}
            head={[t('digitalId.col.person'), t('digitalId.col.account'), t('digitalId.col.tokenUser'), t('digitalId.col.tokens'), t('digitalId.col.actions')]}
            total={data.total}
            page={data.page}
            onPage={setPage}
            rows={data.items.map((row) => {
              const name = row.person.displayName;
              return (
                <tr key={row.person.id}>
                  <th scope="row">
                    <PersonCell person={row.person} />
                  </th>
                  <td>{row.account?.username ?? <span className="did-sub">{t('digitalId.noAccount')}</span>}</td>
                  <td>{row.softwareTokenUser ? t('digitalId.yes') : t('digitalId.no')}</td>
                  <td>
                    <Credentials items={row.softwareTokens} none={t('digitalId.noTokens')} />
                  </td>
                  <td className="did-actions">
                    {row.allowedActions.includes('enable') && (
                      <button
                        type="button"
                        className="button secondary"
                        aria-label={t('digitalId.token.enableFor', { name })}
                        onClick={() =>
                          confirm({
                            title: t('digitalId.token.enableTitle', { name }),
                            effects: [t('digitalId.token.enableEffect'), ...(row.account ? [] : [t('digitalId.mobile.accountEffect')])],
                            confirmLabel: t('digitalId.token.enable'),
                            run: () => softwareTokenAction(row.person.id, 'enable'),
                            done: t('digitalId.token.enabled', { name }),
                          })
                        }
                      >
                        {t('digitalId.token.enable')}
                      </button>
                    )}
                    {row.allowedActions.includes('start-request') && (
                      <button
                        type="button"
                        className="button primary"
                        aria-label={t('digitalId.token.startFor', { name })}
                        onClick={() =>
                          confirm({
                            title: t('digitalId.token.startTitle', { name }),
                            effects: [t('digitalId.token.startEffect'), t('digitalId.token.startEffect2')],
                            confirmLabel: t('digitalId.token.start'),
                            run: () => softwareTokenAction(row.person.id, 'start-request'),
                            done: t('digitalId.token.started', { name }),
                          })
                        }
                      >
                        {t('digitalId.token.start')}
                      </button>
                    )}
                    {!row.allowedActions.length && <span className="did-sub">{t('digitalId.noActions')}</span>}
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
