import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { can } from '../../access/model';
import { useSession } from '../../access/session';
import type { Certificate, Credential, SelfServiceCard, SelfServiceCardAction, SelfServiceMe } from '../../api/types';
import { formatDate, t, tDynamic } from '../../i18n';
import { DataTable, type ColumnDef } from '../../ui/DataTable';
import { ApiError } from '../../api/client';
import { QueryState } from '../../ui/QueryState';
import { StatusBadge } from '../../ui/StatusBadge';
import { notify } from '../../ui/toast';
import { usePageTitle } from '../../ui/usePageTitle';
import { AccountSections } from './AccountSections';
import { actionLabel, CardActionDialog } from './CardActionDialog';
import { CredentialSections } from './credentials/CredentialSections';
import { focusFirstOf, FormDialog } from './FormDialog';
import { meQuery, requestCard } from './selfServiceApi';
import './selfService.css';

export { meQuery };

const cardColumns: ColumnDef<SelfServiceCard>[] = [
  { id: 'number', header: 'col.cardNumber', cell: (c) => c.number },
  { id: 'type', header: 'col.type', cell: (c) => tDynamic(`type.${c.type}`, c.type) },
  { id: 'status', header: 'col.status', cell: (c) => <StatusBadge status={c.status} /> },
  { id: 'pin', header: 'self.pin', cell: (c) => (c.pinBlocked ? <strong className="ss-pin-blocked">{t('self.pinBlocked')}</strong> : t('self.pinOk')) },
  { id: 'validTo', header: 'col.validTo', cell: (c) => formatDate(c.validTo) },
];
const certColumns: ColumnDef<Certificate>[] = [
  { id: 'type', header: 'col.certificate', cell: (c) => c.type },
  { id: 'serial', header: 'col.serial', cell: (c) => <code>{c.serialNumber}</code> },
  { id: 'status', header: 'col.status', cell: (c) => <StatusBadge status={c.status} /> },
  { id: 'validTo', header: 'col.validTo', cell: (c) => formatDate(c.validTo) },
];
const credentialColumns: ColumnDef<Credential>[] = [
  { id: 'label', header: 'col.credential', cell: (c) => c.label },
  { id: 'status', header: 'col.status', cell: (c) => <StatusBadge status={c.status} /> },
  { id: 'createdAt', header: 'col.created', cell: (c) => formatDate(c.createdAt) },
];

const headingId = (card: SelfServiceCard) => `ss-card-${card.id}`;
const actionId = (card: SelfServiceCard, action: SelfServiceCardAction) => `ss-card-${card.id}-${action}`;

/** "What do you want to do?" for each of my cards: exactly the actions the backend allows me now. */
function CardActions({ me }: { me: SelfServiceMe }) {
  const qc = useQueryClient();
  const { data: session } = useSession();
  const [open, setOpen] = useState<{ cardId: string; action: SelfServiceCardAction } | null>(null);
  const [requesting, setRequesting] = useState(false);
  const reload = () => qc.invalidateQueries({ queryKey: meQuery.queryKey });
  const withActions = me.cards.filter((c) => c.allowedActions.length > 0);
  // The dialog reads the card from the latest answer, so a reload after 412 gives it the new version.
  const openCard = open ? me.cards.find((c) => c.id === open.cardId) : undefined;
  const mayRequest = can(session, 'self:request-card');

  return (
    <>
      {withActions.length > 0 && (
        <section aria-labelledby="ss-actions-title" className="ss-section">
          <h2 id="ss-actions-title">{t('self.cardActionsTitle')}</h2>
          <div className="ss-card-actions">
            {withActions.map((card) => (
              <section key={card.id} aria-labelledby={headingId(card)} className="panel ss-card">
                <h3 id={headingId(card)} tabIndex={-1}>
                  {t('self.cardHeading', { number: card.number })} <StatusBadge status={card.status} />
                </h3>
                {card.pinBlocked && <p className="ss-pin-blocked">{t('self.pin')}: {t('self.pinBlocked')}</p>}
                <ul className="ss-action-list">
                  {card.allowedActions.map((a) => (
                    <li key={a}>
                      <button
                        type="button"
                        id={actionId(card, a)}
                        className="button secondary action-button"
                        onClick={() => setOpen({ cardId: card.id, action: a })}
                      >
                        {actionLabel(a)}
                      </button>
                    </li>
                  ))}
                </ul>
              </section>
            ))}
          </div>
        </section>
      )}
      {mayRequest && (
        <p className="ss-request">
          {me.mayRequestCard ? (
            <button type="button" className="button secondary" onClick={() => setRequesting(true)}>
              {t('self.requestCard')}
            </button>
          ) : (
            <span className="muted">{t('self.requestCardWaiting')}</span>
          )}
        </p>
      )}
      {open && openCard && (
        <CardActionDialog
          card={openCard}
          action={open.action}
          onReload={() => void reload()}
          onChanged={reload}
          onClose={(done) => {
            setOpen(null);
            // Back to the button; when it is gone, the card's heading, or the cards' heading when the card has no actions left.
            if (done) focusFirstOf(actionId(openCard, open.action), headingId(openCard), 'ss-cards-title');
          }}
        />
      )}
      {requesting && (
        <FormDialog
          title={t('self.requestCard')}
          intro={t('self.requestCardIntro')}
          effects={[t('effect.new-card-requested'), t('effect.approval-task')]}
          fields={[]}
          confirmLabel={t('self.requestCard')}
          onClose={(done) => {
            setRequesting(false);
            if (done) focusFirstOf('ss-cards-title');
          }}
          onSubmit={async () => {
            const result = await requestCard();
            await reload();
            notify(t('self.requestCardDone', { number: result.card.number }));
          }}
        />
      )}
    </>
  );
}

export default function SelfServicePage() {
  usePageTitle(t('self.title'));
  const query = useQuery(meQuery);
  return (
    <section>
      <h1>{t('self.title')}</h1>
      <p className="muted">{t('self.intro')}</p>
      {query.error instanceof ApiError && query.error.status === 404 ? (
        // Signed in to a tenant that holds no person record of this account: nothing of one's own here.
        <p className="panel" role="status">
          {t('self.noPersonInTenant')}
        </p>
      ) : (
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
            <h2 id="ss-cards-title" tabIndex={-1}>
              {t('self.cards')}
            </h2>
            <DataTable label={t('self.cards')} columns={cardColumns} rows={me.cards} empty={t('self.noCards')} />
            <CardActions me={me} />
            <CredentialSections me={me} />
            <h2>{t('self.certificates')}</h2>
            <DataTable label={t('self.certificates')} columns={certColumns} rows={me.certificates} empty={t('self.noCertificates')} />
            <h2>{t('self.credentials')}</h2>
            <DataTable label={t('self.credentials')} columns={credentialColumns} rows={me.credentials} empty={t('self.noCredentials')} />
            <AccountSections me={me} />
          </>
        )}
      </QueryState>
      )}
    </section>
  );
}
