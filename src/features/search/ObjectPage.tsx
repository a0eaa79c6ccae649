import { useQuery } from '@tanstack/react-query';
import { useRef, useState, type ReactNode } from 'react';
import { Breadcrumb, Breadcrumbs } from 'react-aria-components';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type {
  Card,
  CardRequest,
  Certificate,
  Credential,
  HistoryEntry,
  PersonRef,
  SearchType,
  TemporaryCard,
} from '../../api/types';
import { formatDate, formatDateTime, t, tDynamic } from '../../i18n';
import { DataTable, type ColumnDef } from '../../ui/DataTable';
import { Facts } from '../../ui/Panel';
import { QueryState } from '../../ui/QueryState';
import { StatusBadge } from '../../ui/StatusBadge';
import { usePageTitle } from '../../ui/usePageTitle';
import { ActionDialog, actionLabel } from './ActionDialog';
import { historyQuery, objectQuery, type ObjectDetail } from './objectApi';
import { isSearchType, SEARCH_CONFIG } from './searchTypes';

const CREDENTIAL_TYPE: Record<Credential['kind'], SearchType> = {
  'mobile-id': 'mobile-ids',
  'virtual-smart-card': 'virtual-smart-cards',
  'software-token': 'software-tokens',
};
const objectPath = (type: SearchType, id: string) => `/search/${type}/${encodeURIComponent(id)}`;

function PersonLink({ person }: { person: PersonRef | null | undefined }) {
  if (!person?.id) return <>{person?.displayName ?? '–'}</>;
  return <Link to={objectPath('persons', person.id)}>{person.displayName}</Link>;
}

function titleOf(type: SearchType, o: ObjectDetail): string {
  switch (type) {
    case 'persons':
      return String(o.displayName);
    case 'cards':
      return t('object.title.cards', { number: String(o.number) });
    case 'temporary-cards':
      return t('object.title.temporary-cards', { number: String(o.number) });
    case 'certificates':
      return t('object.title.certificates', { serial: String(o.serialNumber) });
    case 'requests':
      return t('object.title.requests');
    default:
      return String(o.label);
  }
}

/** The facts of an object, as label/value pairs for the details list. */
function facts(type: SearchType, o: ObjectDetail): [string, ReactNode][] {
  const holder = o.holder as PersonRef | null | undefined;
  switch (type) {
    case 'persons':
      return [
        [t('col.personalId'), String(o.personalId)],
        [t('col.email'), String(o.email)],
        [t('col.orgUnit'), String(o.orgUnit)],
        [t('self.organization'), String(o.organization)],
        [t('col.type'), tDynamic(`type.${String(o.type)}`, String(o.type))],
        [t('col.created'), formatDateTime(String(o.createdAt))],
      ];
    case 'cards':
      return [
        [t('col.cardNumber'), String(o.number)],
        [t('object.holder'), <PersonLink person={holder} />],
        [t('col.type'), tDynamic(`type.${String(o.type)}`, String(o.type))],
        [t('col.validFrom'), formatDate(String(o.validFrom))],
        [t('col.validTo'), formatDate(String(o.validTo))],
      ];
    case 'temporary-cards':
      return [
        [t('col.cardNumber'), String(o.number)],
        [t('object.holder'), <PersonLink person={holder} />],
        [t('col.validTo'), formatDate(String(o.validTo))],
      ];
    case 'certificates':
      return [
        [t('col.serial'), <code>{String(o.serialNumber)}</code>],
        [t('col.type'), String(o.type)],
        [t('object.holder'), <PersonLink person={holder} />],
        [t('object.card'), String(o.cardNumber ?? '–')],
        [t('col.validTo'), formatDate(String(o.validTo))],
      ];
    case 'requests': {
      const card = o.card as { id: string; number: string; status: string };
      return [
        [t('object.holder'), <PersonLink person={holder} />],
        [t('object.requestedBy'), <PersonLink person={o.requestedBy as PersonRef} />],
        [t('object.card'), <Link to={objectPath('cards', card.id)}>{card.number}</Link>],
        [t('col.created'), formatDateTime(String(o.createdAt))],
      ];
    }
    default:
      return [
        [t('col.label'), String(o.label)],
        [t('object.holder'), <PersonLink person={holder} />],
        [t('col.created'), formatDate(String(o.createdAt))],
      ];
  }
}

const cardCols: ColumnDef<Card | TemporaryCard>[] = [
  { id: 'number', header: 'col.cardNumber', cell: (c) => c.number },
  { id: 'status', header: 'col.status', cell: (c) => <StatusBadge status={c.status} /> },
  { id: 'validTo', header: 'col.validTo', cell: (c) => formatDate(c.validTo) },
];
const certCols: ColumnDef<Pick<Certificate, 'id' | 'type' | 'status'> & Partial<Certificate>>[] = [
  { id: 'type', header: 'col.certificate', cell: (c) => c.type },
  { id: 'serial', header: 'col.serial', cell: (c) => (c.serialNumber ? <code>{c.serialNumber}</code> : '–') },
  { id: 'status', header: 'col.status', cell: (c) => <StatusBadge status={c.status} /> },
];
const credCols: ColumnDef<Credential>[] = [
  { id: 'label', header: 'col.credential', cell: (c) => c.label },
  { id: 'status', header: 'col.status', cell: (c) => <StatusBadge status={c.status} /> },
];
const requestCols: ColumnDef<CardRequest>[] = [
  { id: 'createdAt', header: 'col.created', cell: (r) => formatDateTime(r.createdAt) },
  { id: 'requestedBy', header: 'col.requestedBy', cell: (r) => r.requestedBy.displayName },
  { id: 'status', header: 'col.status', cell: (r) => <StatusBadge status={r.status} /> },
];
const historyCols = (type: SearchType): ColumnDef<HistoryEntry>[] => [
  { id: 'at', header: 'col.when', cell: (h) => formatDateTime(h.at) },
  { id: 'who', header: 'col.who', cell: (h) => h.actor.displayName },
  { id: 'what', header: 'col.what', cell: (h) => actionLabel(type, h.action) },
  { id: 'change', header: 'col.change', cell: (h) => (h.before || h.after ? `${h.before ?? '–'} → ${h.after ?? '–'}` : '–') },
  { id: 'reason', header: 'col.reason', cell: (h) => h.reason ?? h.detail ?? '' },
  { id: 'outcome', header: 'col.outcome', cell: (h) => tDynamic(`object.outcome.${h.outcome}`, h.outcome) },
];

function Related({ type, o }: { type: SearchType; o: ObjectDetail }) {
  const navigate = useNavigate();
  const open = (t2: SearchType) => (id: string) => navigate(objectPath(t2, id));
  const section = (title: string, content: ReactNode) => (
    <section className="related" key={title}>
      <h2>{title}</h2>
      {content}
    </section>
  );
  const certs = (o.certificates as (Pick<Certificate, 'id' | 'type' | 'status'> & Partial<Certificate>)[] | undefined) ?? [];
  if (type === 'persons') {
    const creds = (o.credentials as Credential[]) ?? [];
    return (
      <>
        {section(t('object.cards'), <DataTable label={t('object.cards')} columns={cardCols} rows={(o.cards as Card[]) ?? []} empty={t('object.none')} onRowAction={open('cards')} />)}
        {section(
          t('object.temporaryCards'),
          <DataTable label={t('object.temporaryCards')} columns={cardCols} rows={(o.temporaryCards as TemporaryCard[]) ?? []} empty={t('object.none')} onRowAction={open('temporary-cards')} />,
        )}
        {section(t('object.certificates'), <DataTable label={t('object.certificates')} columns={certCols} rows={certs} empty={t('object.none')} onRowAction={open('certificates')} />)}
        {section(
          t('object.credentials'),
          <DataTable
            label={t('object.credentials')}
            columns={credCols}
            rows={creds}
            empty={t('object.none')}
            onRowAction={(id) => {
              const c = creds.find((x) => x.id === id);
              if (c) navigate(objectPath(CREDENTIAL_TYPE[c.kind], id));
            }}
          />,
        )}
        {section(t('object.requests'), <DataTable label={t('object.requests')} columns={requestCols} rows={(o.requests as CardRequest[]) ?? []} empty={t('object.none')} onRowAction={open('requests')} />)}
      </>
    );
  }
  if (type === 'cards' || type === 'temporary-cards') {
    return section(t('object.certificates'), <DataTable label={t('object.certificates')} columns={certCols} rows={certs} empty={t('object.none')} onRowAction={open('certificates')} />);
  }
  return null;
}

/** An object of Extended Search: its data, related objects, history and the actions allowed now. */
export default function ObjectPage() {
  const params = useParams();
  const type = params.type ?? '';
  const id = params.id ?? '';
  const valid = isSearchType(type);
  const query = useQuery({ ...objectQuery(valid ? type : 'persons', id), enabled: valid });
  const history = useQuery({ ...historyQuery(valid ? type : 'persons', id), enabled: valid });
  const [openAction, setOpenAction] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const closeAction = (done?: boolean) => {
    setOpenAction(null);
    // After an action the button that opened the dialog may be gone (the state changed): keyboard
    // focus goes to the object's heading instead of falling to the page body.
    if (done) setTimeout(() => headingRef.current?.focus(), 0);
  };
  const title = query.data && valid ? titleOf(type, query.data) : t('search.title');
  usePageTitle(title);

  if (!valid) {
    return (
      <section>
        <h1>{t('notFound.title')}</h1>
        <p>{t('object.notFound')}</p>
      </section>
    );
  }
  const config = SEARCH_CONFIG[type];
  return (
    <QueryState query={query}>
      {(o) => (
        <div className="object-page">
          <Breadcrumbs className="breadcrumbs" aria-label={t('object.breadcrumbs')}>
            <Breadcrumb>
              <Link to="/search">{t('search.title')}</Link>
            </Breadcrumb>
            <Breadcrumb>
              <Link to={`/search?in=${type}`}>{t(config.label)}</Link>
            </Breadcrumb>
            <Breadcrumb>
              <span aria-current="page">{title}</span>
            </Breadcrumb>
          </Breadcrumbs>
          <div className="object-layout">
            <div className="object-main">
              <header className="identity">
                <span className="photo" aria-hidden="true">
                  {title.slice(0, 1)}
                </span>
                <h1 ref={headingRef} tabIndex={-1}>
                  {title}
                </h1>
                <StatusBadge status={o.status} />
              </header>
              <section className="panel">
                <h2>{t('object.details')}</h2>
                <Facts facts={facts(type, o)} />
              </section>
              <Related type={type} o={o} />
              <section className="related">
                <h2>{t('object.history')}</h2>
                <QueryState query={history}>
                  {(h) => <DataTable label={t('object.history')} columns={historyCols(type)} rows={h.items} empty={t('object.noHistory')} />}
                </QueryState>
              </section>
            </div>
            <aside className="action-panel" aria-labelledby="actions-title">
              <h2 id="actions-title">{t('object.actions')}</h2>
              {o.allowedActions.length === 0 ? (
                <p className="muted">{t('object.noActions')}</p>
              ) : (
                <ul>
                  {o.allowedActions.map((a) => (
                    <li key={a}>
                      <button type="button" className="button secondary action-button" onClick={() => setOpenAction(a)}>
                        {actionLabel(type, a)}
                      </button>
                    </li>
                  ))}
                </ul>
              )}
            </aside>
          </div>
          {openAction && o.actionDetails[openAction] && (
            <ActionDialog type={type} object={o} action={openAction} detail={o.actionDetails[openAction]!} onClose={closeAction} />
          )}
        </div>
      )}
    </QueryState>
  );
}
