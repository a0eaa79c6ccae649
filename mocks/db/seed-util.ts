/** Small helpers of the seed parts: dates, ids and names folded to ASCII for addresses. */
export const DAY = 86_400_000;
export const iso = (ms: number) => new Date(ms).toISOString();
export const pad = (n: number, w = 6) => String(n).padStart(w, '0');

const mailCache = new Map<string, string>();
const foldToAscii = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ø/g, 'o')
    .replace(/æ/g, 'ae')
    .replace(/[^a-zA-Z]/g, '')
    .toLowerCase();
/** A name as it appears in an e-mail address; names come from short lists, so each is folded once. */
export const asciiMail = (s: string) => {
  let m = mailCache.get(s);
  if (m === undefined) mailCache.set(s, (m = foldToAscii(s)));
  return m;
};
