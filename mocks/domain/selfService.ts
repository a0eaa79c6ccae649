/**
 * Rules of the self-service user's own card, PIN and password changes (DOMAIN §3.1 and §4): which
 * card actions the caller may run in which state, the PIN and password policies, and the offline
 * PIN unblock (challenge → response). Secrets are never stored in clear: PINs and security
 * passwords are kept as salted hashes only.
 */
import type { Permission } from '../../src/access/model';
import type { Card, SelfServiceCardAction } from '../../src/api/types';

/** The PIN every card has until its holder changes it (documented for the demo). */
export const INITIAL_PIN = '123456';

export interface SelfServiceCardRule {
  from: readonly Card['status'][];
  permission: Permission;
  /** Only while the PIN is not blocked (change-pin needs the current PIN). */
  needsUnblockedPin?: boolean;
}

/** Self-service card actions: activate, renew and lock follow the card state machine of lifecycle.ts. */
export const SELF_CARD_ACTIONS: Record<SelfServiceCardAction, SelfServiceCardRule> = {
  activate: { from: ['Issued'], permission: 'self:activate-card' },
  renew: { from: ['Active'], permission: 'self:renew-card' },
  lock: { from: ['Active', 'Inactive'], permission: 'self:lock-card' },
  'change-pin': { from: ['Active'], permission: 'self:change-pin', needsUnblockedPin: true },
  // Online unblock resets the PIN with the PUK the system holds: also possible when the PIN is not
  // blocked (a forgotten PIN), so it is offered on every active card.
  'unblock-pin': { from: ['Active'], permission: 'self:unblock-pin' },
  'unblock-pin-offline': { from: ['Active'], permission: 'self:unblock-pin' },
};

export function selfCardActions(card: Card, pinBlocked: boolean, permissions: readonly Permission[]): SelfServiceCardAction[] {
  return (Object.keys(SELF_CARD_ACTIONS) as SelfServiceCardAction[]).filter((a) => {
    const rule = SELF_CARD_ACTIONS[a];
    return rule.from.includes(card.status) && permissions.includes(rule.permission) && !(rule.needsUnblockedPin && pinBlocked);
  });
}

/** Wrong PINs in a row after which the card blocks the PIN, as a smart card does; the PUK unblocks it. */
export const PIN_TRIES = 3;

/** PIN policy: 6 to 8 digits, not all the same digit. Null when fine. */
export function pinProblem(pin: unknown): string | null {
  if (typeof pin !== 'string' || !/^\d{6,8}$/.test(pin)) return 'A PIN has 6 to 8 digits.';
  if (/^(\d)\1+$/.test(pin)) return 'A PIN may not be the same digit repeated.';
  return null;
}

/** Password policy: at least 10 characters, letters and digits, not the username. Null when fine. */
export function passwordProblem(password: unknown, username: string): string | null {
  if (typeof password !== 'string' || password.length < 10) return 'A password has at least 10 characters.';
  if (!/\p{L}/u.test(password) || !/\d/.test(password)) return 'A password has both letters and digits.';
  if (password.toLowerCase().includes(username.toLowerCase())) return 'A password may not contain your username.';
  return null;
}

/** Security password policy: at least 8 characters. Null when fine. */
export function securityPasswordProblem(value: unknown): string | null {
  if (typeof value !== 'string' || value.length < 8) return 'A security password has at least 8 characters.';
  return null;
}

/** The challenge as the card shows it: 16 hex digits, spaces or dashes between groups allowed. */
export function normaliseChallenge(challenge: unknown): string | null {
  if (typeof challenge !== 'string') return null;
  const compact = challenge.replace(/[\s-]/g, '').toUpperCase();
  return /^[0-9A-F]{16}$/.test(compact) ? compact : null;
}

/** Groups hex digits in fours: `ABCD 1234 …`. */
export const groupHex = (hex: string) => hex.replace(/(.{4})(?=.)/g, '$1 ');

/**
 * The response to a card's unblock challenge: derived deterministically from the card and the
 * challenge (in PRIME, from the PUK the system holds), 16 hex digits grouped in fours.
 */
export function unblockResponse(card: Pick<Card, 'id' | 'number'>, challenge: string): string {
  return groupHex(sha256Hex(`puk:${card.id}:${card.number}:${challenge}`).slice(0, 16).toUpperCase());
}

/** A salted hash of a secret (PIN, security password); the salt ties it to its owner. */
export const secretHash = (salt: string, secret: string) => sha256Hex(`${salt}:${secret}`);

// ---- SHA-256 (FIPS 180-4), synchronous so it runs the same in the browser demo, Node and tests ----

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01,
  0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
  0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
  0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08,
  0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

export function sha256Hex(text: string): string {
  const data = new TextEncoder().encode(text);
  const bitLength = data.length * 8;
  const padded = new Uint8Array(((data.length + 9 + 63) >> 6) << 6);
  padded.set(data);
  padded[data.length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, Math.floor(bitLength / 2 ** 32));
  view.setUint32(padded.length - 4, bitLength >>> 0);
  const h = new Uint32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
  const w = new Uint32Array(64);
  const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));
  for (let off = 0; off < padded.length; off += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(off + i * 4);
    for (let i = 16; i < 64; i++) {
      const a = w[i - 15]!;
      const b = w[i - 2]!;
      const s0 = rotr(a, 7) ^ rotr(a, 18) ^ (a >>> 3);
      const s1 = rotr(b, 17) ^ rotr(b, 19) ^ (b >>> 10);
      w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) >>> 0;
    }
    let [a, b, c, d, e, f, g, hh] = h as unknown as [number, number, number, number, number, number, number, number];
    for (let i = 0; i < 64; i++) {
      const s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
      const ch = (e & f) ^ (~e & g);
      const t1 = (hh + s1 + ch + K[i]! + w[i]!) >>> 0;
      const s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (s0 + maj) >>> 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) >>> 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) >>> 0;
    }
    [a, b, c, d, e, f, g, hh].forEach((x, i) => (h[i] = h[i]! + x)); // Uint32Array wraps modulo 2^32
  }
  return Array.from(h, (x) => x.toString(16).padStart(8, '0')).join('');
}
