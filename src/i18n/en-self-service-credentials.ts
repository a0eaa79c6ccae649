/** English messages of invitations, mobile ID, software tokens and virtual smart cards in Self-Service (keys start with `selfCred.`). */
export const enSelfServiceCredentials = {} as const;
