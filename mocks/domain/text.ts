/**
 * Text that a caller sends and the system keeps or shows to others: the audit log (read by
 * administrators, exported to CSV) and names on public lists (the tenant picker at sign-in).
 */

/**
 * Control characters (C0, DEL, C1), zero-width and joiner characters, bidirectional controls and
 * other invisible format characters: they forge log lines, hide text or make one name look like another.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]/u;
const INVISIBLE_ALL = new RegExp(INVISIBLE.source, 'gu');

/** Whether the text holds a character that is invisible or controls how text is shown. */
export function hasInvisible(text: string): boolean {
  return INVISIBLE.test(text);
}

const escape = (ch: string) => `\\u${ch.codePointAt(0)!.toString(16).padStart(4, '0')}`;

/**
 * The text as an audit entry keeps it: invisible and control characters written out as `\uXXXX`
 * (so a newline cannot start a forged line and nothing hides), cut to `max` characters.
 */
export function forLog(text: string, max = 200): string {
  const clean = text.replace(INVISIBLE_ALL, escape);
  return clean.length > max ? `${clean.slice(0, max)}… (${text.length} characters)` : clean;
}
