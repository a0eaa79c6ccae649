import type { Messages as CompiledMessages } from '@lingui/core';
import type admin from './locales/en/admin.json';
import type batch from './locales/en/batch.json';
import type digitalId from './locales/en/digital-id.json';
import type main from './locales/en/main.json';
import type selfServiceCredentials from './locales/en/self-service-credentials.json';
import type selfService from './locales/en/self-service.json';
import type tasks from './locales/en/tasks.json';
import type tenants from './locales/en/tenants.json';
import type roles from './locales/en/roles.json';
import type users from './locales/en/users.json';
import type problems from './locales/en/problems.json';

/** The console's languages, each named in its own language (a picker reads them to people who may not know the other). */
export const LOCALES = { en: 'English', sv: 'Svenska' } as const;
export type Locale = keyof typeof LOCALES;

/**
 * The parts every page needs; the others come with the views that use them (`src/app/routes.ts`), and
 * `problems` (the console's words for the server's problem codes) right after the first render.
 */
export const START_PARTS = ['main', 'tasks', 'tenants'] as const;
export type CatalogPart = (typeof START_PARTS)[number] | 'batch' | 'admin' | 'users' | 'self-service' | 'self-service-credentials' | 'digital-id' | 'roles' | 'problems';

/** Every message key, from the English catalogs (the source language). */
export type MessageKey =
  | keyof typeof main
  | keyof typeof tasks
  | keyof typeof tenants
  | keyof typeof batch
  | keyof typeof admin
  | keyof typeof users
  | keyof typeof selfService
  | keyof typeof selfServiceCredentials
  | keyof typeof digitalId
  | keyof typeof roles
  | keyof typeof problems;

/** The states and reasons the catalogs name: lists of them in code are data, not text to translate. */
export type StatusName = MessageKey extends infer K ? (K extends `status.${infer S}` ? S : never) : never;
export type ReasonName = MessageKey extends infer K ? (K extends `reason.${infer R}` ? R : never) : never;

// Compiled by the Lingui Vite plugin; each file is a chunk of its own, loaded only for the active locale.
const loaders = import.meta.glob<CompiledMessages>('./locales/*/*.json', { query: '?lingui', import: 'messages' });

export function loadCatalog(locale: Locale, part: CatalogPart): Promise<CompiledMessages> {
  const load = loaders[`./locales/${locale}/${part}.json`];
  if (!load) return Promise.reject(new Error(`No catalog ${part} for ${locale}`));
  return load();
}
