import { defineConfig } from '@lingui/conf';
import { formatter } from '@lingui/format-json';

/**
 * The message catalogs: one per locale and part of the console (`src/i18n/locales/<locale>/<part>.json`,
 * ICU MessageFormat). The Vite plugin compiles them at build time, so the page carries no message parser.
 * The parts are listed in `src/i18n/catalogs.ts`, which loads them.
 */
export const CATALOG_PARTS = ['main', 'tasks', 'tenants', 'batch', 'admin', 'users', 'self-service', 'self-service-credentials', 'digital-id', 'roles', 'problems'];

export default defineConfig({
  locales: ['en', 'sv'],
  sourceLocale: 'en',
  fallbackLocales: { default: 'en' },
  catalogs: CATALOG_PARTS.map((part) => ({ path: `<rootDir>/src/i18n/locales/{locale}/${part}`, include: [] })),
  format: formatter({ style: 'minimal' }),
});
