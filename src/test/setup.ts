import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';
import { initI18n } from '../i18n';

// CI machines are small and busy: give async queries time before calling an element missing.
configure({ asyncUtilTimeout: 5000 });
// Vitest runs without globals, so Testing Library cannot register its own clean-up.
afterEach(() => cleanup());

// Views get their messages from the route that loads them; components tested alone get them all here.
await initI18n('en', ['batch', 'admin', 'users', 'self-service', 'self-service-credentials', 'digital-id', 'roles', 'problems']);
