import { can } from '../../../access/model';
import { useSession } from '../../../access/session';
import type { SelfServiceMe } from '../../../api/types';
import { InvitationsSection } from './Invitations';
import { MobileIdSection } from './MobileIds';
import { MyTasksSection, SoftwareTokensSection } from './SoftwareTokens';
import { VirtualSmartCardsSection } from './VirtualSmartCards';
import './credentials.css';

/**
 * Invitations, mobile IDs, software tokens and virtual smart cards of the signed-in person, each shown
 * only to someone whose permissions allow it. Each section fetches its own endpoint; `me` is not read.
 */
export function CredentialSections({ me }: { me: SelfServiceMe }) {
  void me;
  const { data: session } = useSession();
  if (!session) return null;
  const may = (p: Parameters<typeof can>[1]) => can(session, p);
  return (
    <div className="sc-sections">
      {may('self:request-software-token') && <MyTasksSection />}
      {may('invitation:respond') && <InvitationsSection />}
      {may('self:activate-mobile-id') && <MobileIdSection />}
      {may('self:request-software-token') && (
        <SoftwareTokensSection mayRequest mayRecover={may('self:recover-software-token')} mayRevoke={may('self:revoke-software-token')} />
      )}
      {may('self:request-vsc') && (
        <VirtualSmartCardsSection mayRequest mayProvision={may('self:provision-vsc-certificates')} mayResetPin={may('self:reset-vsc-pin')} mayLock={may('self:lock-vsc')} />
      )}
    </div>
  );
}
