import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Button } from 'react-aria-components';
import { can } from '../../access/model';
import { useSession } from '../../access/session';
import type { ServerCertificate, ServerCertificateCreated, ServerCertificateStatus } from '../../api/types';
import { formatDate, formatDateTime, t } from '../../i18n';
import { Pager } from '../../ui/Pager';
import { QueryState } from '../../ui/QueryState';
import { StatusBadge } from '../../ui/StatusBadge';
import { useUrlParams } from '../../ui/useUrlParams';
import { certificateAction, certificatesQuery, PAGE_SIZE } from './api';
import { useConfirm } from './ConfirmDialog';
import { PasswordDialog, RequestCertificateDialog } from './RequestCertificateDialog';

const STATUSES: ServerCertificateStatus[] = ['Pending approval', 'Valid', 'Revoked', 'Expired', 'Rejected'];

/** Server certificates: the list for every server role; revoke, renew and confirm installation for the registration officer. */
export function CertificatesTab() {
  const { data: session } = useSession();
  const { values, page, setPage, setFilters } = useUrlParams(['q', 'status']);
  const query = useQuery(certificatesQuery(values.q, values.status, page));
  const [dialog, confirm] = useConfirm();
  const [requesting, setRequesting] = useState(false);
  const [password, setPassword] = useState<{ password: string; server: string } | null>(null);
  const [text, setText] = useState(values.q);
  const ids = { q: useId(), status: useId() };

  const actions = (c: ServerCertificate) => {
    const name = c.commonName;
    return (
      <>
        {c.allowedActions.includes('confirm-installation') && (
          <button
            type="button"
            className="button primary"
            aria-label={t('digitalId.cert.confirmFor', { name, serial: c.serialNumber ?? '' })}
            onClick={() =>
              confirm({
                title: t('digitalId.cert.confirmTitle', { name }),
                effects: [t('digitalId.cert.confirmEffect')],
                option: c.renewalOf ? t('digitalId.cert.lockPrevious') : undefined,
                confirmLabel: t('digitalId.cert.confirm'),
                run: ({ option }) => certificateAction(c, 'confirm-installation', option ? { lockPrevious: true } : {}),
                done: t('digitalId.cert.confirmed', { name }),
              })
            }
          >
            {t('digitalId.cert.confirm')}
          </button>
        )}
        {c.allowedActions.includes('renew') && (
          <button
            type="button"
            className="button secondary"
            aria-label={t('digitalId.cert.renewFor', { name, serial: c.serialNumber ?? '' })}
            onClick={() =>
              confirm({
                title: t('digitalId.cert.renewTitle', { name }),
                effects: [t('digitalId.cert.renewEffect'), ...(c.format === 'pkcs12' ? [t('digitalId.cert.renewP12')] : [])],
                confirmLabel: t('digitalId.cert.renew'),
                run: () => certificateAction(c, 'renew', {}),
                done: t('digitalId.cert.renewed', { name }),
                onDone: (result) => {
                  const created = result as ServerCertificateCreated;
                  if (created.p12Password) setPassword({ password: created.p12Password, server: name });
                },
              })
            }
          >
            {t('digitalId.cert.renew')}
          </button>
        )}
        {c.allowedActions.includes('revoke') && (
          <button
            type="button"
            className="button danger"
            aria-label={t('digitalId.cert.revokeFor', { name, serial: c.serialNumber ?? '' })}
            onClick={() =>
              confirm({
                title: t('digitalId.cert.revokeTitle', { name }),
                effects: [t('digitalId.cert.revokeEffect')],
                confirmLabel: t('digitalId.cert.revoke'),
                danger: true,
                reasons: c.revokeReasons,
                run: ({ reason }) => certificateAction(c, 'revoke', { reason }),
                done: t('digitalId.cert.revoked', { name }),
              })
            }
          >
            {t('digitalId.cert.revoke')}
          </button>
        )}
        {!c.allowedActions.length && <span className="did-sub">{t('digitalId.noActions')}</span>}
      </>
    );
  };

  return (
    <section aria-labelledby="did-certs-heading">
      <div className="did-heading-row">
        <h2 id="did-certs-heading">{t('digitalId.tab.certificates')}</h2>
        {can(session, 'server-certificate:request') && (
          <Button className="button primary" onPress={() => setRequesting(true)}>
            {t('digitalId.cert.request')}
          </Button>
        )}
      </div>
      <form
        className="did-search"
        role="search"
        aria-label={t('digitalId.tab.certificates')}
        onSubmit={(e) => {
          e.preventDefault();
          setFilters({ q: text.trim() });
        }}
      >
        <div className="field">
          <label htmlFor={ids.q}>{t('digitalId.cert.search')}</label>
          <input id={ids.q} type="search" value={text} onChange={(e) => setText(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={ids.status}>{t('digitalId.status')}</label>
          <select id={ids.status} value={values.status} onChange={(e) => setFilters({ status: e.target.value })}>
            <option value="">{t('digitalId.anyStatus')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button primary">
          {t('digitalId.search')}
        </button>
      </form>
      <QueryState query={query}>
        {(data) => (
          <>
            <div className="table-wrap">
              <table className="simple-table did-table">
                <caption>{t('digitalId.tab.certificates')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('digitalId.cert.commonName')}</th>
                    <th scope="col">{t('digitalId.cert.formatCol')}</th>
                    <th scope="col">{t('digitalId.status')}</th>
                    <th scope="col">{t('digitalId.cert.validTo')}</th>
                    <th scope="col">{t('digitalId.cert.installed')}</th>
                    <th scope="col">{t('digitalId.requestedBy')}</th>
                    <th scope="col">{t('digitalId.col.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((c) => (
                    <tr key={c.id}>
                      <th scope="row">
                        {c.commonName}
                        <span className="did-sub">{c.serialNumber ? t('digitalId.cert.serial', { serial: c.serialNumber }) : c.id}</span>
                      </th>
                      <td>
                        {t(`digitalId.cert.${c.format}`)}
                        {c.keyAlgorithm && <span className="did-sub">{c.keyAlgorithm}</span>}
                      </td>
                      <td>
                        <StatusBadge status={c.status} />
                        {(c.revocationReason ?? c.rejectReason) && <span className="did-sub">{c.revocationReason ?? c.rejectReason}</span>}
                      </td>
                      <td>{c.validTo ? formatDate(c.validTo) : '–'}</td>
                      <td>{c.installedAt ? formatDate(c.installedAt) : c.status === 'Valid' ? t('digitalId.cert.awaitingInstallation') : '–'}</td>
                      <td>
                        {c.requestedBy.displayName}
                        <span className="did-sub">{formatDateTime(c.createdAt)}</span>
                      </td>
                      <td className="did-actions">{actions(c)}</td>
                    </tr>
                  ))}
                  {!data.items.length && (
                    <tr>
                      <td colSpan={7}>{t('digitalId.noCertificates')}</td>
                    </tr>
                  )}
                </tbody>
              </table>
            </div>
            <Pager total={data.total} page={data.page} pageSize={PAGE_SIZE} onPage={setPage} />
          </>
        )}
      </QueryState>
      {dialog}
      {requesting && <RequestCertificateDialog server={null} onClose={() => setRequesting(false)} />}
      {password && <PasswordDialog password={password.password} server={password.server} onClose={() => setPassword(null)} />}
    </section>
  );
}
