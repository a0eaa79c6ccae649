import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatNumber, t } from '.';

describe('messages and formats', () => {
  it('fills placeholders and formats numbers by locale', () => {
    expect(t('table.page', { page: 2, pages: 1200 })).toBe('Page 2 of 1,200');
    expect(t('denied.body', { right: 'Admin' })).toContain('“Admin”');
    expect(formatNumber(100000)).toBe('100,000');
  });
  it('shows UTC instants in local time with the time zone named', () => {
    const text = formatDateTime('2026-11-01T08:00:00.000Z');
    expect(text).toMatch(/2026/);
    expect(text).toMatch(/UTC|GMT|[A-Z]{2,5}/);
    expect(formatDate('2026-11-01T08:00:00.000Z')).toMatch(/2026/);
  });
});
