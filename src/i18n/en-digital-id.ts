/** English messages of the Digital ID officer view (keys start with `digitalId.`). */
export const enDigitalId = {} as const;
