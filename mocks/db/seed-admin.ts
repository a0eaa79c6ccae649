/**
 * Admin data: connectors, long-running jobs, past synchronisation runs and a little system-log history.
 * Its own random stream (DEMO_SEED + 1, passed in by seed.ts) keeps everyone else's data where it was.
 */
import type { SyncRun } from '../../src/api/types';
import type { AuditEntry, ConnectorRecord, Db } from './schema';
import type { Random } from './prng';

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

const DEMO_CA_PEM = [
  '-----BEGIN CERTIFICATE-----',
  'MIIBszCCAVmgAwIBAgIUFakeNordvikIssuingCA0001MAoGCCqGSM49BAMCMC8xCzAJ',
  'BgNVBAYTAlNFMSAwHgYDVQQDDBdOb3JkdmlrIElzc3VpbmcgQ0EgMjAyNjAeFw0y',
  '-----END CERTIFICATE-----',
].join('\n');

export function seedAdmin(db: Db, rnd: Random, baseTime: number): void {
  const at = (daysAgo: number) => iso(baseTime - daysAgo * DAY - rnd.int(0, 80_000) * 1000);
  const connectors: Omit<ConnectorRecord, 'version' | 'updatedAt' | 'updatedBy' | 'lastTest'>[] = [
    {
      id: 'conn-directory', type: 'directory', name: 'Corporate directory (AD)', enabled: true,
      settings: { url: 'ldaps://dc01.nordvik.example:636', baseDn: 'OU=People,DC=nordvik,DC=example', bindDn: 'CN=svc-prime,OU=Service,DC=nordvik,DC=example', schedule: '0 2 * * *' },
      secrets: { bindPassword: 'demo-bind-secret' },
    },
    {
      id: 'conn-ca', type: 'ca', name: 'Nordvik issuing CA', enabled: true,
      settings: { url: 'https://ca.nordvik.example/certsrv', caCertificate: DEMO_CA_PEM },
      secrets: { clientKeyPassword: 'demo-key-secret' },
    },
    { id: 'conn-pacs', type: 'pacs', name: 'PACS (physical access)', enabled: true, settings: { host: 'pacs.nordvik.example', port: 8443 }, secrets: {} },
    { id: 'conn-printer', type: 'printer', name: 'Card printer', enabled: true, settings: { host: 'printer01.nordvik.example', port: 9100, queue: 'cards' }, secrets: {} },
    {
      id: 'conn-email', type: 'email', name: 'E-mail (SMTP)', enabled: true,
      settings: { host: 'smtp.nordvik.example', port: 587, tls: true, from: 'prime@nordvik.example' },
      secrets: { password: 'demo-smtp-secret' },
    },
    {
      id: 'conn-hr-import', type: 'hr-import', name: 'HR import (CSV)', enabled: false,
      settings: { source: 'https://hr.nordvik.example/export/people.csv', delimiter: ';', schedule: '30 1 * * *' },
      secrets: {},
    },
  ];
  for (const c of connectors) db.connectors.put({ ...c, version: 1, updatedAt: at(rnd.int(20, 90)), updatedBy: 'bootstrap-administrator', lastTest: null });

  db.jobs.put({ id: 'job-crl', name: 'CRL download', owner: 'system', startedAt: iso(baseTime - 3_600_000), progress: 40, status: 'Running', version: 1 });
  db.jobs.put({ id: 'job-pacs', name: 'PACS export', owner: 'service-administrator', startedAt: iso(baseTime - 1_800_000), progress: 65, status: 'Running', version: 1 });
  db.jobs.put({ id: 'job-expiry', name: 'Certificate expiry notifications', owner: 'system', startedAt: iso(baseTime - 600_000), progress: 15, status: 'Running', version: 1 });

  const source = 'Corporate directory (AD)';
  const runs: [number, number, number, number, SyncRun['errors']][] = [
    [28, 12, 40, 3, []],
    [21, 5, 18, 1, []],
    [14, 9, 25, 2, [
      { identity: 'CN=Lindqvist Greta,OU=People', message: 'No employee number; the identity was skipped.' },
      { identity: 'CN=Olsen Kari,OU=People', message: 'The e-mail address is used by another person.' },
    ]],
    [7, 4, 31, 0, []],
  ];
  runs.forEach(([daysAgo, created, updated, deactivated, errors], i) => {
    const startedAt = baseTime - daysAgo * DAY + 2 * 3_600_000;
    db.syncRuns.put({
      id: `sync-${String(i + 1).padStart(4, '0')}`,
      status: 'Finished',
      source,
      startedAt: iso(startedAt),
      finishedAt: iso(startedAt + rnd.int(40, 300) * 1000),
      startedBy: 'service-administrator',
      runAs: 'batch-sync',
      progress: 100,
      created,
      updated,
      deactivated,
      errors,
      version: 1,
      settlesAt: null,
    });
  });

  // Some history for the system log, oldest first as the log is appended.
  const actors = ['service-administrator', 'registration-officer', 'helpdesk', 'approver', 'bootstrap-administrator'];
  const entries: Omit<AuditEntry, 'id'>[] = [];
  for (let i = 0; i < 40; i++) {
    const actor = rnd.pick(actors);
    const failed = rnd.next() < 0.15;
    entries.push({ at: at(rnd.int(1, 30)), actor, action: failed ? 'sign-in-failed' : 'sign-in', target: actor, outcome: failed ? 'failed' : 'success' });
  }
  entries.push({
    at: at(20), actor: 'service-administrator', action: 'connector-configure', target: 'E-mail (SMTP)', object: 'conn-email', outcome: 'success',
    before: { host: 'smtp.nordvik.example', port: 25, tls: false, from: 'prime@nordvik.example' },
    after: { host: 'smtp.nordvik.example', port: 587, tls: true, from: 'prime@nordvik.example' },
  });
  entries.push({ at: at(9), actor: 'approver', action: 'request', target: 'GET /api/v1/admin/services', outcome: 'denied', detail: 'missing right Admin' });
  entries.sort((a, b) => a.at.localeCompare(b.at));
  entries.forEach((e, i) => db.audit.push({ id: `a-${i + 1}`, ...e }));
}
