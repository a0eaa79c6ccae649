import type { SelfServiceMe } from '../../../api/types';

/** Invitations, mobile IDs, software tokens and virtual smart cards of the signed-in person. */
export function CredentialSections({ me }: { me: SelfServiceMe }) {
  void me;
  return null;
}
