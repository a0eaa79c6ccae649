/**
 * Rules of the self-service credentials (mobile ID, software token, virtual smart card) and of meeting
 * invitations: which action each state allows, which permission each action needs, and how secrets
 * (activation codes, passphrases) are made and kept. Secrets are kept only as SHA-256 hashes.
 */
import type { Permission } from '../../src/access/model';
import type {
  CredentialStatus,
  InvitationAction,
  InvitationResponse,
  MobileIdAction,
  SoftwareTokenAction,
  VscAction,
} from '../../src/api/types';

/** A meeting invitation as stored: one row per meeting, the invitees with their answers. */
export interface InvitationRecord {
  id: string;
  /** Absent means the default tenant. */
  tenantId?: string;
  title: string;
  organiserId: string;
  location: string;
  startsAt: string;
  endsAt: string;
  participants: InvitationParticipantRecord[];
  version: number;
}

export interface InvitationParticipantRecord {
  email: string;
  /** The person with this e-mail when the organisation knows one. */
  personId: string | null;
  response: InvitationResponse;
  /** Who added this participant (a person id); null for the organiser's own invitations. */
  invitedById: string | null;
}

/** What a credential holds besides its row in `credentials`; never answered as such. */
export interface CredentialSecretRecord {
  /** The credential's id. */
  id: string;
  activationCodeHash: string | null;
  activationExpiresAt: string | null;
  passphraseHash: string | null;
  passphraseIssuedAt: string | null;
  pinChangedAt: string | null;
}

/** How long an activation code of a mobile ID lasts. */
export const ACTIVATION_TTL_MS = 5 * 60_000;
/** At most this many e-mail addresses per invite request. */
export const MAX_INVITES = 20;
export const VSC_LOCK_REASONS = ['Lost or stolen device', 'Key compromise', 'No longer needed'] as const;

export const INVITATION_PERMISSION: Record<InvitationAction, Permission> = {
  accept: 'invitation:respond',
  deny: 'invitation:respond',
  invite: 'invitation:invite-participant',
};

export const MOBILE_ID_RULES: Record<MobileIdAction, { permission: Permission; from: CredentialStatus[] }> = {
  activate: { permission: 'self:activate-mobile-id', from: ['Registered'] },
  confirm: { permission: 'self:activate-mobile-id', from: ['Registered'] },
};

export const SOFTWARE_TOKEN_RULES: Record<SoftwareTokenAction, { permission: Permission; from: CredentialStatus[] }> = {
  'accept-terms': { permission: 'self:request-software-token', from: ['Registered'] },
  recover: { permission: 'self:recover-software-token', from: ['Active'] },
  revoke: { permission: 'self:revoke-software-token', from: ['Active'] },
};

export const VSC_RULES: Record<VscAction, { permission: Permission; from: CredentialStatus[] }> = {
  'provision-certificates': { permission: 'self:provision-vsc-certificates', from: ['Registered'] },
  'reset-pin': { permission: 'self:reset-vsc-pin', from: ['Active'] },
  lock: { permission: 'self:lock-vsc', from: ['Active', 'Inactive'] },
};

/** A pragmatic address check: one @, a dot in the domain, no spaces; at most 254 characters. */
export function isEmail(value: string): boolean {
  return value.length <= 254 && /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(value);
}

export const meetingOver = (endsAt: string, now = Date.now()) => Date.parse(endsAt) <= now;

/** What the invitee may do with an invitation now, given their answer and their permissions. */
export function invitationActions(myResponse: InvitationResponse, over: boolean, mayRespond: boolean, mayInvite: boolean): InvitationAction[] {
  if (over) return [];
  const out: InvitationAction[] = [];
  if (mayRespond && myResponse !== 'accepted') out.push('accept');
  if (mayRespond && myResponse !== 'denied') out.push('deny');
  if (mayInvite && myResponse === 'accepted') out.push('invite');
  return out;
}

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
function randomChars(n: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(n));
  return Array.from(bytes, (b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
}

/** An activation code as the person reads it: `ABCD-EFGH`. */
export const newActivationCode = () => `${randomChars(4)}-${randomChars(4)}`;
/** A passphrase of a PKCS#12 file: five groups of four characters. */
export const newPassphrase = () => Array.from({ length: 5 }, () => randomChars(4)).join('-');
/** Codes are compared without case, spaces or hyphens, as people type them. */
export const normaliseCode = (code: string) => code.toUpperCase().replace(/[\s-]/g, '');

export async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A PIN of a virtual smart card: 6 to 8 digits. */
export const isPin = (pin: unknown): pin is string => typeof pin === 'string' && /^\d{6,8}$/.test(pin);

/** A fresh id for rows made at run time: random, so it never meets an id of the generated data. */
export const runtimeId = (prefix: string) => `${prefix}-ss${crypto.getRandomValues(new Uint32Array(1))[0]!.toString(36)}${Date.now().toString(36)}`;
