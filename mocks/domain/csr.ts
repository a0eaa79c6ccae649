/**
 * PKCS#10 certificate signing requests (RFC 2986): read a PEM, check its self-signature with WebCrypto
 * and tell what it asks for (common name, SAN DNS names and IP addresses, key).
 */
import { AsnConvert } from '@peculiar/asn1-schema';
import { CertificationRequest } from '@peculiar/asn1-csr';
import { Extensions, SubjectAlternativeName } from '@peculiar/asn1-x509';
import { ipKey } from './digitalId';

const OID = {
  commonName: '2.5.4.3',
  extensionRequest: '1.2.840.113549.1.9.14',
  subjectAltName: '2.5.29.17',
  rsaEncryption: '1.2.840.113549.1.1.1',
  ecPublicKey: '1.2.840.10045.2.1',
} as const;
/** DER of the OIDs prime256v1 (1.2.840.10045.3.1.7) and secp384r1 (1.3.132.0.34). */
const CURVE_P256 = '06082a8648ce3d030107';
const CURVE_P384 = '06052b81040022';
const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

/** Signature algorithms the check can verify. */
const SIGNATURES: Record<string, { family: 'RSA' | 'ECDSA'; hash: string }> = {
  '1.2.840.113549.1.1.11': { family: 'RSA', hash: 'SHA-256' },
  '1.2.840.113549.1.1.12': { family: 'RSA', hash: 'SHA-384' },
  '1.2.840.113549.1.1.13': { family: 'RSA', hash: 'SHA-512' },
  '1.2.840.10045.4.3.2': { family: 'ECDSA', hash: 'SHA-256' },
  '1.2.840.10045.4.3.3': { family: 'ECDSA', hash: 'SHA-384' },
};

export interface ParsedCsr {
  commonName: string | null;
  sanDns: string[];
  sanIps: string[];
  /** Names of other kinds (e-mail, URI…) that a server certificate cannot carry. */
  otherNames: string[];
  /** "RSA 2048", "ECDSA P-256". */
  keyAlgorithm: string;
}

export type CsrResult = { ok: true; csr: ParsedCsr } | { ok: false; error: string };

const fail = (error: string): CsrResult => ({ ok: false, error });

/** The DER bytes of a PEM block `CERTIFICATE REQUEST` (or `NEW CERTIFICATE REQUEST`), or null. */
function pemToDer(pem: string): Uint8Array | null {
  const m = /-----BEGIN (NEW )?CERTIFICATE REQUEST-----([\s\S]*?)-----END (NEW )?CERTIFICATE REQUEST-----/.exec(pem);
  if (!m) return null;
  const b64 = m[2]!.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) return null;
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** One DER element at `offset`: where its content starts and where the element ends. */
function tlv(der: Uint8Array, offset: number): { start: number; contentStart: number; end: number } {
  let i = offset + 1;
  const first = der[i++];
  if (first === undefined) throw new Error('truncated');
  let length = first;
  if (first & 0x80) {
    const n = first & 0x7f;
    if (n === 0 || n > 4) throw new Error('length');
    length = 0;
    for (let k = 0; k < n; k++) length = length * 256 + (der[i++] ?? 0);
  }
  if (i + length > der.length) throw new Error('truncated');
  return { start: offset, contentStart: i, end: i + length };
}

/** The children of the SEQUENCE at `offset`, as byte ranges of the original encoding. */
function children(der: Uint8Array, offset: number): Uint8Array[] {
  const outer = tlv(der, offset);
  const out: Uint8Array[] = [];
  for (let i = outer.contentStart; i < outer.end; ) {
    const c = tlv(der, i);
    out.push(der.subarray(c.start, c.end));
    i = c.end;
  }
  return out;
}

/** An ECDSA signature is DER `SEQUENCE { r, s }`; WebCrypto wants r‖s, each the curve's size. */
function ecdsaRaw(sig: Uint8Array, size: number): Uint8Array {
  const [r, s] = children(sig, 0).map((int) => {
    const t = tlv(int, 0);
    let v = int.subarray(t.contentStart, t.end);
    while (v.length > size && v[0] === 0) v = v.subarray(1);
    const padded = new Uint8Array(size);
    padded.set(v, size - v.length);
    return padded;
  });
  const out = new Uint8Array(size * 2);
  out.set(r!, 0);
  out.set(s!, size);
  return out;
}

const copy = (b: Uint8Array): ArrayBuffer => b.slice().buffer as ArrayBuffer;

/** Reads and checks a PEM-encoded PKCS#10 request; the error says exactly what is wrong with it. */
export async function parseCsr(pem: string): Promise<CsrResult> {
  const der = pemToDer(pem);
  if (!der) return fail('This is not a PEM-encoded PKCS#10 request: paste or upload the text from -----BEGIN CERTIFICATE REQUEST----- to -----END CERTIFICATE REQUEST-----.');
  let csr: CertificationRequest;
  let tbs: Uint8Array;
  let spki: Uint8Array;
  try {
    csr = AsnConvert.parse(copy(der), CertificationRequest);
    const [info] = children(der, 0);
    tbs = info!;
    spki = children(info!, 0)[2]!;
    if (!spki) throw new Error('no key');
  } catch {
    return fail('The CSR could not be read: the PEM block does not hold a valid PKCS#10 structure.');
  }

  const info = csr.certificationRequestInfo;
  let commonName: string | null = null;
  for (const rdn of info.subject) for (const atv of rdn) if (atv.type === OID.commonName) commonName = atv.value.toString();

  const sanDns: string[] = [];
  const sanIps: string[] = [];
  const otherNames: string[] = [];
  try {
    for (const attr of info.attributes ?? []) {
      if (attr.type !== OID.extensionRequest) continue;
      for (const value of attr.values) {
        for (const ext of AsnConvert.parse(value, Extensions)) {
          if (ext.extnID !== OID.subjectAltName) continue;
          for (const name of AsnConvert.parse(ext.extnValue, SubjectAlternativeName)) {
            if (name.dNSName !== undefined) sanDns.push(name.dNSName.toLowerCase());
            else if (name.iPAddress !== undefined) sanIps.push(name.iPAddress);
            else otherNames.push(name.rfc822Name ?? name.uniformResourceIdentifier ?? 'a name of another kind');
          }
        }
      }
    }
  } catch {
    return fail('The CSR could not be read: its subject alternative names are malformed.');
  }

  const alg = SIGNATURES[csr.signatureAlgorithm.algorithm];
  if (!alg) return fail(`The CSR is signed with an algorithm this service does not accept (${csr.signatureAlgorithm.algorithm}); use RSA or ECDSA (P-256, P-384) with SHA-256 or stronger.`);
  const keyOid = info.subjectPKInfo.algorithm.algorithm;
  let keyAlgorithm: string;
  let verified: boolean;
  try {
    if (alg.family === 'RSA') {
      if (keyOid !== OID.rsaEncryption) return fail('The CSR\'s signature algorithm does not fit its key.');
      const key = await crypto.subtle.importKey('spki', copy(spki), { name: 'RSASSA-PKCS1-v1_5', hash: alg.hash }, false, ['verify']);
      const bits = (key.algorithm as RsaHashedKeyAlgorithm).modulusLength;
      keyAlgorithm = `RSA ${bits}`;
      if (bits < 2048) return fail(`The CSR's RSA key has ${bits} bits; at least 2048 are needed.`);
      verified = await crypto.subtle.verify('RSASSA-PKCS1-v1_5', key, copy(new Uint8Array(csr.signature)), copy(tbs));
    } else {
      // The curve is the OBJECT IDENTIFIER in the key algorithm's parameters; compared as DER bytes.
      const params = hex(children(children(spki, 0)[0]!, 0)[1] ?? new Uint8Array());
      const curve = keyOid !== OID.ecPublicKey ? null : params === CURVE_P256 ? 'P-256' : params === CURVE_P384 ? 'P-384' : null;
      if (!curve) return fail('The CSR\'s key is on a curve this service does not accept; use ECDSA P-256 or P-384, or RSA.');
      keyAlgorithm = `ECDSA ${curve}`;
      const key = await crypto.subtle.importKey('spki', copy(spki), { name: 'ECDSA', namedCurve: curve }, false, ['verify']);
      const raw = ecdsaRaw(new Uint8Array(csr.signature), curve === 'P-256' ? 32 : 48);
      verified = await crypto.subtle.verify({ name: 'ECDSA', hash: alg.hash }, key, copy(raw), copy(tbs));
    }
  } catch {
    return fail('The CSR\'s public key could not be read.');
  }
  if (!verified) return fail('The CSR\'s signature does not verify: the request was changed after it was signed, or not signed with its own key.');
  return { ok: true, csr: { commonName, sanDns, sanIps, otherNames, keyAlgorithm } };
}

/**
 * Whether the CSR asks only for names of the server: its CN is the server's common name and every SAN
 * name is one of the server's. Answers the message for `errors.csr`, or null when it fits.
 */
export function csrMismatch(csr: ParsedCsr, server: { commonName: string; sanDns: readonly string[]; sanIps: readonly string[] }): string | null {
  if (!csr.commonName) return `The CSR has no common name (CN); it must be ${server.commonName}.`;
  if (csr.commonName.toLowerCase() !== server.commonName.toLowerCase()) {
    return `The CSR's common name ${csr.commonName} is not this server's common name ${server.commonName}.`;
  }
  const dns = new Set([server.commonName, ...server.sanDns].map((n) => n.toLowerCase()));
  for (const name of csr.sanDns) if (!dns.has(name)) return `The CSR names ${name}, which is not a name of this server.`;
  const ips = new Set(server.sanIps.map(ipKey));
  for (const ip of csr.sanIps) if (!ips.has(ipKey(ip))) return `The CSR names the IP address ${ip}, which is not an address of this server.`;
  if (csr.otherNames.length) return `The CSR names ${csr.otherNames[0]}; a server certificate carries only DNS names and IP addresses.`;
  return null;
}

