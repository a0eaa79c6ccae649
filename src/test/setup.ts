import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';
import { addMessages } from '../i18n';
import { enAdmin } from '../i18n/en-admin';
import { enBatch } from '../i18n/en-batch';
import { enDigitalId } from '../i18n/en-digital-id';
import { enSelfService } from '../i18n/en-self-service';
import { enSelfServiceCredentials } from '../i18n/en-self-service-credentials';
import { enUsers } from '../i18n/en-users';

// CI machines are small and busy: give async queries time before calling an element missing.
configure({ asyncUtilTimeout: 5000 });
// Vitest runs without globals, so Testing Library cannot register its own clean-up.
afterEach(() => cleanup());

// Views get their messages from the route that loads them; components tested alone get them all here.
addMessages({ ...enBatch, ...enAdmin, ...enUsers, ...enSelfService, ...enSelfServiceCredentials, ...enDigitalId });
