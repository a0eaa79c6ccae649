import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './csv';

describe('CSV export', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['+46 70 123', "'+46 70 123"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tTab', "'\tTab"],
    ['Åberg, Sofia', '"Åberg, Sofia"'],
    ['plain', 'plain'],
    ['<img src=x onerror=alert(1)>', '<img src=x onerror=alert(1)>'],
  ])('escapes %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });
  it('writes a header and rows with CRLF line ends', () => {
    expect(toCsv(['a', 'b'], [[1, null], ['x"y', 'z']])).toBe('a,b\r\n1,\r\n"x""y",z\r\n');
  });
});
