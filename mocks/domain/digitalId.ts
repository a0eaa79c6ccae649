/**
 * Digital ID rules (DOMAIN §2 server, §3.4 certificates, §3.5 mobile ID, §4 workflows): servers and
 * their certificates as stored, the checks of a server registration, and the states that allow each
 * certificate action.
 */
import type { FieldErrorCode, ServerCertificate, ServerCertificateStatus, ServerStatus } from '../../src/api/types';

export interface ServerRecord {
  id: string;
  commonName: string;
  sanDns: string[];
  sanIps: string[];
  location: string;
  responsibleIds: string[];
  status: ServerStatus;
  requestedById: string;
  createdAt: string;
  decidedById: string | null;
  decidedAt: string | null;
  rejectReason: string | null;
  version: number;
  tenantId?: string;
}

/** A server certificate as stored: the API's object with people by id and without what depends on the caller. */
export interface ServerCertificateRecord
  extends Omit<ServerCertificate, 'server' | 'requestedBy' | 'decidedBy' | 'allowedActions' | 'revokeReasons'> {
  serverId: string;
  requestedById: string;
  decidedById: string | null;
  tenantId?: string;
}

/** The Mobile ID user and Software token user roles the officers grant (DOMAIN §1.2, §4). */
export const MOBILE_ID_USER_ROLE = 'PcmRolePersonalMobileUser';
export const SOFTWARE_TOKEN_USER_ROLE = 'PstmRoleSelfServiceUser';

/** Why a mobile ID is locked (final; DOMAIN §3.5). */
export const MOBILE_ID_LOCK_REASONS = ['Device lost', 'Device stolen', 'Suspected misuse', 'Left the organisation', 'Key compromise'] as const;
/** Why a server registration or certificate request is rejected. */
export const DIGITAL_ID_REJECT_REASONS = [
  'Incomplete or wrong information',
  'Names not owned by the organisation',
  'Duplicate request',
  'Server not known',
  'No longer needed',
] as const;

/** Which states allow each action on a server certificate (DOMAIN §3.4, §4 server certificates). */
export const SERVER_CERTIFICATE_ACTIONS = {
  revoke: { from: ['Valid'] as ServerCertificateStatus[] },
  renew: { from: ['Valid', 'Expired'] as ServerCertificateStatus[] },
  'confirm-installation': { from: ['Valid'] as ServerCertificateStatus[] },
} as const;

/** A server certificate is valid for 397 days (the CA/Browser Forum limit). */
export const SERVER_CERTIFICATE_DAYS = 397;

// ---- Names ----------------------------------------------------------------------------------

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** Why a DNS name is not acceptable, or null. A wildcard is allowed only as the whole leftmost label. */
export function dnsNameError(raw: string): string | null {
  const name = raw.trim().toLowerCase();
  if (!name) return 'Enter a DNS name.';
  if (name.length > 253) return 'A DNS name has at most 253 characters.';
  const labels = name.split('.');
  if (labels.length < 2) return `${name} is not a fully qualified DNS name (like www.example.com).`;
  for (const [i, label] of labels.entries()) {
    if (label === '*' && i === 0) continue;
    if (label.includes('*')) return `${name}: a wildcard (*) is allowed only as the whole leftmost label, as in *.example.com.`;
    if (!LABEL.test(label)) return `${name} is not a valid DNS name: each label has 1–63 letters, digits or hyphens and does not start or end with a hyphen.`;
  }
  if (/^[0-9]+$/.test(labels[labels.length - 1]!)) return `${name} is not a valid DNS name: the last label is not numeric.`;
  return null;
}

/** The 4 or 16 bytes of an IPv4 or IPv6 address, or null when it is not one. */
export function ipBytes(raw: string): number[] | null {
  const s = raw.trim();
  const v4 = (part: string): number[] | null => {
    const octets = part.split('.');
    if (octets.length !== 4) return null;
    const out: number[] = [];
    for (const o of octets) {
      if (!/^(0|[1-9][0-9]{0,2})$/.test(o) || Number(o) > 255) return null;
      out.push(Number(o));
    }
    return out;
  };
  if (!s.includes(':')) return v4(s);
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const groups = (part: string): number[] | null => {
    if (!part) return [];
    const out: number[] = [];
    const items = part.split(':');
    for (const [i, g] of items.entries()) {
      if (i === items.length - 1 && g.includes('.')) {
        const tail = v4(g);
        if (!tail) return null;
        out.push(...tail);
        continue;
      }
      if (!/^[0-9a-f]{1,4}$/i.test(g)) return null;
      const n = parseInt(g, 16);
      out.push(n >> 8, n & 0xff);
    }
    return out;
  };
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  if (!head || !tail) return null;
  if (halves.length === 1) return head.length === 16 ? head : null;
  if (head.length + tail.length > 14) return null;
  return [...head, ...new Array<number>(16 - head.length - tail.length).fill(0), ...tail];
}

/** A key to compare IP addresses whatever their spelling (`2001:db8::1` = `2001:0db8:0:0:0:0:0:1`). */
export function ipKey(raw: string): string {
  return ipBytes(raw)?.join('.') ?? raw.trim().toLowerCase();
}

export interface ServerInputCheck {
  value: { commonName: string; sanDns: string[]; sanIps: string[]; location: string; responsibles: string[] };
  errors: Record<string, string>;
  errorCodes: Record<string, FieldErrorCode>;
}

/**
 * Checks a server registration's body; errors are keyed by field, list entries as `sanDns[1]`.
 * Persons are checked by the caller (`responsibleError`).
 */
export function checkServerInput(body: unknown, responsibleError: (id: string) => string | null): ServerInputCheck {
  const errors: Record<string, string> = {};
  /** Codes of the errors that are not simply `invalid`. */
  const errorCodes: Record<string, FieldErrorCode> = {};
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  const list = (field: string): string[] => {
    const v = b[field];
    if (v === undefined) return [];
    if (!Array.isArray(v)) {
      errors[field] = `${field} must be a list.`;
      return [];
    }
    return v.map((x, i) => {
      if (typeof x !== 'string') errors[`${field}[${i}]`] = 'Enter text.';
      return str(x);
    });
  };

  const commonName = str(b.commonName).toLowerCase();
  const cnError = dnsNameError(commonName);
  if (cnError) errors.commonName = cnError;

  const sanDns = list('sanDns').map((n) => n.toLowerCase());
  const seenDns = new Map<string, number>();
  sanDns.forEach((name, i) => {
    const key = `sanDns[${i}]`;
    if (errors[key]) return;
    const e = dnsNameError(name);
    if (e) errors[key] = e;
    else if (seenDns.has(name)) [errors[key], errorCodes[key]] = [`${name} is listed twice.`, 'duplicate'];
    seenDns.set(name, i);
  });

  const sanIps = list('sanIps');
  const seenIps = new Set<string>();
  sanIps.forEach((ip, i) => {
    const key = `sanIps[${i}]`;
    if (errors[key]) return;
    if (!ip) [errors[key], errorCodes[key]] = ['Enter an IP address.', 'required'];
    else if (!ipBytes(ip)) errors[key] = `${ip} is not a valid IPv4 or IPv6 address.`;
    else if (seenIps.has(ipKey(ip))) [errors[key], errorCodes[key]] = [`${ip} is listed twice.`, 'duplicate'];
    seenIps.add(ipKey(ip));
  });

  const location = str(b.location);
  if (!location) [errors.location, errorCodes.location] = ['Enter where the server is (site, data centre or cloud region).', 'required'];
  else if (location.length > 120) [errors.location, errorCodes.location] = ['A location has at most 120 characters.', 'too-long'];

  const responsibles = list('responsibles');
  if (!errors.responsibles) {
    if (responsibles.length < 1 || responsibles.length > 2) [errors.responsibles, errorCodes.responsibles] = ['Choose one or two responsible persons.', responsibles.length ? 'too-many' : 'required'];
    const seen = new Set<string>();
    responsibles.forEach((id, i) => {
      const key = `responsibles[${i}]`;
      if (errors[key]) return;
      const e = seen.has(id) ? 'This person is chosen twice.' : responsibleError(id);
      if (e) errors[key] = e;
      if (seen.has(id)) errorCodes[key] = 'duplicate';
      seen.add(id);
    });
  }
  return { value: { commonName, sanDns, sanIps, location, responsibles }, errors, errorCodes };
}

/** A PKCS#12 password: 20 characters without look-alikes (no 0/O, 1/l/I). */
export function generateP12Password(): string {
  const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789';
  const bytes = crypto.getRandomValues(new Uint8Array(20));
  let out = '';
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return `${out.slice(0, 5)}-${out.slice(5, 10)}-${out.slice(10, 15)}-${out.slice(15)}`;
}
