/**
 * Objects of the 2,000-person demo organisation the Extended Search tests work on, written down as
 * literal data. Derived once from the deterministic seed (mocks/db/seed.ts, DEMO_SEED 20261127,
 * `generateDb({ persons: 2000 })`) and the search rules (mocks/domain/search.ts: free text is a
 * case-insensitive substring of the type's text; persons sort by "last first", cards by number), not
 * read off the screen. If the seed changes, re-derive them (e.g. with `npx tsx` over generateDb and
 * search) rather than copying what the page shows.
 */
export const DEMO = {
  /** 2,000 generated + 22 persons of the demo accounts. */
  persons: 2022,

  /** Every object of each "Search for" type, with no criteria. */
  totals: {
    Persons: 2022,
    Cards: 1934,
    'Temporary cards': 28,
    Requests: 254,
    Certificates: 4549,
    'Mobile IDs': 197,
    'Virtual smart cards': 117,
    'Software tokens': 131,
  },

  /** Persons whose name, personal id or e-mail contains "kowalski": 24, all with the surname Kowalski. */
  surname: { text: 'Kowalski', count: 24 },

  /**
   * The registration officer's target: the 4th "Kowalski" row (sorted Agnieszka, Andreas, Andreas,
   * Anna, …), an Active employee whose only card is Active with three Valid certificates
   * (authentication, signature, encryption).
   */
  officerTarget: {
    id: 'p-001448',
    name: 'Anna Kowalski',
    row: 'Kowalski, Anna',
    personalId: 'E011448',
    card: { id: 'card-001387', number: 'NV00401387', certificates: 3 },
  },

  /** Cards in state Issued: 112; by number the first is NV00400056 (Claire Forsberg, contractor, 3 Issued certificates). */
  issuedCards: { count: 112, first: { id: 'card-000056', number: 'NV00400056', holder: 'Claire Forsberg', certificates: 3 } },

  /** Cards in state Active: 1,094; by number the first is NV00400001, the card of Greta Lindqvist (bootstrap-administrator). */
  activeCards: { count: 1094, first: { id: 'card-000001', number: 'NV00400001', holder: 'Greta Lindqvist' } },

  /** Persons in state Active: 1,727; by last name the first is "Åberg, Aino" (the collator sorts Å as A). */
  activePersons: { count: 1727, first: { id: 'p-001610', name: 'Aino Åberg', row: 'Åberg, Aino' } },

  /** Cards whose number or holder contains "berg" and are Active: 136 (two pages of 100). */
  bergActiveCards: { text: 'berg', count: 136 },
} as const;
