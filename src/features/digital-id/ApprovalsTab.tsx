import { useQuery } from '@tanstack/react-query';
import type { DigitalIdApproval } from '../../api/types';
import { formatDateTime, t } from '../../i18n';
import { Pager } from '../../ui/Pager';
import { QueryState } from '../../ui/QueryState';
import { useUrlParams } from '../../ui/useUrlParams';
import { approvalsQuery, decideApproval, PAGE_SIZE } from './api';
import { useConfirm } from './ConfirmDialog';

function What({ a }: { a: DigitalIdApproval }) {
  const s = a.server;
  const names = [...(a.certificate?.sanDns ?? s.sanDns), ...(a.certificate?.sanIps ?? s.sanIps)];
  return (
    <dl className="facts did-facts">
      <div className="fact">
        <dt>{t('digitalId.server.commonName')}</dt>
        <dd>{a.certificate?.commonName ?? s.commonName}</dd>
      </div>
      <div className="fact">
        <dt>{t('digitalId.server.names')}</dt>
        <dd>{names.join(', ') || '–'}</dd>
      </div>
      {a.certificate ? (
        <div className="fact">
          <dt>{t('digitalId.cert.formatCol')}</dt>
          <dd>
            {t(`digitalId.cert.${a.certificate.format}`)}
            {a.certificate.keyAlgorithm ? ` · ${a.certificate.keyAlgorithm}` : ''}
            {a.certificate.renewalOf ? ` · ${t('digitalId.approval.renewal')}` : ''}
          </dd>
        </div>
      ) : (
        <div className="fact">
          <dt>{t('digitalId.server.location')}</dt>
          <dd>{s.location}</dd>
        </div>
      )}
      <div className="fact">
        <dt>{t('digitalId.server.responsibles')}</dt>
        <dd>{s.responsibles.map((r) => r.displayName).join(', ')}</dd>
      </div>
    </dl>
  );
}

/** The approver's queue: server registrations and certificate requests, oldest first. */
export function ApprovalsTab() {
  const { page, setPage } = useUrlParams([]);
  const query = useQuery(approvalsQuery(page));
  const [dialog, confirm] = useConfirm();
  return (
    <section aria-labelledby="did-approvals-heading">
      <h2 id="did-approvals-heading">{t('digitalId.tab.approvals')}</h2>
      <p className="did-hint">{t('digitalId.approval.intro')}</p>
      <QueryState query={query}>
        {(data) => (
          <>
            {!data.items.length && <p>{t('digitalId.approval.empty')}</p>}
            <ul className="did-queue">
              {data.items.map((a) => {
                const kind = t(`digitalId.approval.kind.${a.kind}`);
                const name = a.certificate?.commonName ?? a.server.commonName;
                return (
                  <li key={a.id} className="panel did-approval">
                    <h3>
                      {kind}: {name}
                    </h3>
                    <p className="did-sub">{t('digitalId.approval.requested', { name: a.requestedBy.displayName, when: formatDateTime(a.createdAt) })}</p>
                    <What a={a} />
                    {a.blockedBecause && <p className="did-blocked">{t(`digitalId.approval.blocked.${a.blockedBecause}`)}</p>}
                    {a.allowedActions.length > 0 && (
                      <div className="did-actions">
                        <button
                          type="button"
                          className="button primary"
                          aria-label={t('digitalId.approval.approveFor', { kind, name })}
                          onClick={() =>
                            confirm({
                              title: t('digitalId.approval.approveTitle', { kind, name }),
                              effects: [t(`digitalId.approval.approveEffect.${a.kind}`)],
                              confirmLabel: t('digitalId.approval.approve'),
                              run: () => decideApproval(a, 'approve'),
                              done: t('digitalId.approval.approved', { name }),
                            })
                          }
                        >
                          {t('digitalId.approval.approve')}
                        </button>
                        <button
                          type="button"
                          className="button danger"
                          aria-label={t('digitalId.approval.rejectFor', { kind, name })}
                          onClick={() =>
                            confirm({
                              title: t('digitalId.approval.rejectTitle', { kind, name }),
                              effects: [t(`digitalId.approval.rejectEffect.${a.kind}`)],
                              confirmLabel: t('digitalId.approval.reject'),
                              danger: true,
                              reasons: a.rejectReasons,
                              run: ({ reason }) => decideApproval(a, 'reject', reason),
                              done: t('digitalId.approval.rejected', { name }),
                            })
                          }
                        >
                          {t('digitalId.approval.reject')}
                        </button>
                      </div>
                    )}
                  </li>
                );
              })}
            </ul>
            <Pager total={data.total} page={data.page} pageSize={PAGE_SIZE} onPage={setPage} />
          </>
        )}
      </QueryState>
      {dialog}
    </section>
  );
}
