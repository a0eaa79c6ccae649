import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { can } from '../../access/model';
import { useSession } from '../../access/session';
import type { ServerCertificate, ServerCertificateAction, ServerCertificateCreated, ServerCertificateStatus } from '../../api/types';
import { formatDate, formatDateTime, t } from '../../i18n';
import { QueryState } from '../../ui/QueryState';
import { SimpleTable } from '../../ui/SimpleTable';
import { StatusBadge } from '../../ui/StatusBadge';
import { reasonLabel } from '../../ui/DialogParts';
import { useUrlParams } from '../../ui/useUrlParams';
import { ListHead } from './ListHead';
import { certificateAction, certificatesQuery, PAGE_SIZE } from './api';
import { ConfirmButtons, useConfirm, type ConfirmAction } from './ConfirmDialog';
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

  const actions = (c: ServerCertificate): ConfirmAction<ServerCertificateAction>[] => {
    const name = c.commonName;
    return [
      {
        action: 'confirm-installation',
        className: 'button primary',
        label: t('digitalId.cert.confirm'),
        ariaLabel: t('digitalId.cert.confirmFor', { name, serial: c.serialNumber ?? '' }),
        options: () => ({
          title: t('digitalId.cert.confirmTitle', { name }),
          effects: [t('digitalId.cert.confirmEffect')],
          option: c.renewalOf ? t('digitalId.cert.lockPrevious') : undefined,
          confirmLabel: t('digitalId.cert.confirm'),
          run: ({ option }) => certificateAction(c, 'confirm-installation', option ? { lockPrevious: true } : {}),
          done: t('digitalId.cert.confirmed', { name }),
        }),
      },
      {
        action: 'renew',
        className: 'button secondary',
        label: t('digitalId.cert.renew'),
        ariaLabel: t('digitalId.cert.renewFor', { name, serial: c.serialNumber ?? '' }),
        options: () => ({
          title: t('digitalId.cert.renewTitle', { name }),
          effects: [t('digitalId.cert.renewEffect'), ...(c.format === 'pkcs12' ? [t('digitalId.cert.renewP12')] : [])],
          confirmLabel: t('digitalId.cert.renew'),
          run: () => certificateAction(c, 'renew', {}),
          done: t('digitalId.cert.renewed', { name }),
          onDone: (result) => {
            const created = result as ServerCertificateCreated;
            if (created.p12Password) setPassword({ password: created.p12Password, server: name });
          },
        }),
      },
      {
        action: 'revoke',
        className: 'button danger',
        label: t('digitalId.cert.revoke'),
        ariaLabel: t('digitalId.cert.revokeFor', { name, serial: c.serialNumber ?? '' }),
        options: () => ({
          title: t('digitalId.cert.revokeTitle', { name }),
          effects: [t('digitalId.cert.revokeEffect')],
          confirmLabel: t('digitalId.cert.revoke'),
          danger: true,
          reasons: c.revokeReasons,
          run: ({ reason }) => certificateAction(c, 'revoke', { reason }),
          done: t('digitalId.cert.revoked', { name }),
        }),
      },
    ];
  };

  return (
    <section aria-labelledby="did-certs-heading">
      <ListHead
        headingId="did-certs-heading"
        title={t('digitalId.tab.certificates')}
        action={can(session, 'server-certificate:request') ? { label: t('digitalId.cert.request'), onPress: () => setRequesting(true) } : null}
        values={values}
        queryLabel={t('digitalId.cert.search')}
        statuses={STATUSES}
        onSubmit={setFilters}
      />
      <QueryState query={query}>
        {(data) => (
          <SimpleTable
            className="did-table"
            caption={t('digitalId.tab.certificates')}
            columns={[
              t('digitalId.cert.commonName'),
              t('digitalId.cert.formatCol'),
              t('digitalId.status'),
              t('digitalId.cert.validTo'),
              t('digitalId.cert.installed'),
              t('digitalId.requestedBy'),
              t('digitalId.col.actions'),
            ]}
            empty={t('digitalId.noCertificates')}
            emptyInTable
            paging={{ total: data.total, page: data.page, pageSize: PAGE_SIZE, onPage: setPage }}
            rows={data.items.map((c) => (
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
                  {(c.revocationReason ?? c.rejectReason) && <span className="did-sub">{reasonLabel((c.revocationReason ?? c.rejectReason)!)}</span>}
                </td>
                <td>{c.validTo ? formatDate(c.validTo) : '–'}</td>
                <td>{c.installedAt ? formatDate(c.installedAt) : c.status === 'Valid' ? t('digitalId.cert.awaitingInstallation') : '–'}</td>
                <td>
                  {c.requestedBy.displayName}
                  <span className="did-sub">{formatDateTime(c.createdAt)}</span>
                </td>
                <td className="did-actions">
                  <ConfirmButtons allowed={c.allowedActions} actions={actions(c)} confirm={confirm} />
                </td>
              </tr>
            ))}
          />
        )}
      </QueryState>
      {dialog}
      {requesting && <RequestCertificateDialog server={null} onClose={() => setRequesting(false)} />}
      {password && <PasswordDialog password={password.password} server={password.server} onClose={() => setPassword(null)} />}
    </section>
  );
}
