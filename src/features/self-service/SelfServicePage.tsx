import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../api/client';
import type { Card, Certificate, Credential, SelfServiceMe } from '../../api/types';
import { formatDate, t, tDynamic } from '../../i18n';
import { DataTable, type ColumnDef } from '../../ui/DataTable';
import { QueryState } from '../../ui/QueryState';
import { StatusBadge } from '../../ui/StatusBadge';
import { usePageTitle } from '../../ui/usePageTitle';

export const meQuery = queryOptions({
  queryKey: ['self-service', 'me'],
  queryFn: ({ signal }) => apiFetch<SelfServiceMe>('/self-service/me', { signal }),
});

const cardColumns: ColumnDef<Card>[] = [
  { id: 'number', header: t('col.cardNumber'), cell: (c) => c.number },
  { id: 'type', header: t('col.type'), cell: (c) => tDynamic(`type.${c.type}`, c.type) },
  { id: 'status', header: t('col.status'), cell: (c) => <StatusBadge status={c.status} /> },
  { id: 'validTo', header: t('col.validTo'), cell: (c) => formatDate(c.validTo) },
];
const certColumns: ColumnDef<Certificate>[] = [
  { id: 'type', header: t('col.certificate'), cell: (c) => c.type },
  { id: 'serial', header: t('col.serial'), cell: (c) => <code>{c.serialNumber}</code> },
  { id: 'status', header: t('col.status'), cell: (c) => <StatusBadge status={c.status} /> },
  { id: 'validTo', header: t('col.validTo'), cell: (c) => formatDate(c.validTo) },
];
const credentialColumns: ColumnDef<Credential>[] = [
  { id: 'label', header: t('col.credential'), cell: (c) => c.label },
  { id: 'status', header: t('col.status'), cell: (c) => <StatusBadge status={c.status} /> },
  { id: 'createdAt', header: t('col.created'), cell: (c) => formatDate(c.createdAt) },
];

export default function SelfServicePage() {
  usePageTitle(t('self.title'));
  const query = useQuery(meQuery);
  return (
    <section>
      <h1>{t('self.title')}</h1>
      <QueryState query={query}>
        {(me) => (
          <>
            <section aria-labelledby="me-title" className="panel">
              <h2 id="me-title">{t('self.me')}</h2>
              <p className="identity">
                <strong>{me.person.displayName}</strong> <StatusBadge status={me.person.status} />
              </p>
              <dl className="facts">
                <dt>{t('self.personalId')}</dt>
                <dd>{me.person.personalId}</dd>
                <dt>{t('self.email')}</dt>
                <dd>{me.person.email}</dd>
                <dt>{t('self.orgUnit')}</dt>
                <dd>{me.person.orgUnit}</dd>
                <dt>{t('self.organization')}</dt>
                <dd>{me.person.organization}</dd>
              </dl>
            </section>
            <h2>{t('self.cards')}</h2>
            <DataTable label={t('self.cards')} columns={cardColumns} rows={me.cards} empty={t('self.noCards')} />
            <h2>{t('self.certificates')}</h2>
            <DataTable label={t('self.certificates')} columns={certColumns} rows={me.certificates} empty={t('self.noCertificates')} />
            <h2>{t('self.credentials')}</h2>
            <DataTable label={t('self.credentials')} columns={credentialColumns} rows={me.credentials} empty={t('self.noCredentials')} />
          </>
        )}
      </QueryState>
    </section>
  );
}
