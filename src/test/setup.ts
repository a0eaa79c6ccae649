import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// CI machines are small and busy: give async queries time before calling an element missing.
configure({ asyncUtilTimeout: 5000 });
// Vitest runs without globals, so Testing Library cannot register its own clean-up.
afterEach(() => cleanup());
