import type { CredentialCertificate } from '../../../api/types';
import { formatDate, t } from '../../../i18n';
import { StatusBadge } from '../../../ui/StatusBadge';

/** The certificates of a credential, with their state in words (never colour alone). */
export function CertificateList({ certificates }: { certificates: CredentialCertificate[] }) {
  if (certificates.length === 0) return <p className="muted">{t('selfCred.certs.none')}</p>;
  return (
    <ul className="sc-certs" aria-label={t('selfCred.certs.label')}>
      {certificates.map((c) => (
        <li key={c.id}>
          {t(`selfCred.certs.${c.type}`)} <StatusBadge status={c.status} />{' '}
          <span className="muted">{t('selfCred.certs.validTo', { date: formatDate(c.validTo) })}</span>
        </li>
      ))}
    </ul>
  );
}
