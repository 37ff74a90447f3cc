import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalFile, canonicalProcess } from './file-path.js';
import { assertFixedPoint, issueOf } from './__fixtures__/assertions.js';

describe('canonicalFile and canonicalProcess', () => {
  it('lower-cases Windows paths and names, removing quotes', () => {
    expect(canonicalFile('"C:\\Windows\\System32\\CMD.EXE"')).toBe('c:\\windows\\system32\\cmd.exe');
    expect(canonicalFile('\\\\FileServer\\Share\\Report.DOCX')).toBe('\\\\fileserver\\share\\report.docx');
    expect(canonicalProcess('PowerShell.EXE')).toBe('powershell.exe');
    expect(canonicalFile('D:/Tools/NC.exe')).toBe('d:/tools/nc.exe');
  });

  it('keeps the case of POSIX paths and names', () => {
    expect(canonicalProcess('/usr/bin/Bash')).toBe('/usr/bin/Bash');
    expect(canonicalFile('Invoice.PDF')).toBe('Invoice.PDF');
  });

  it('does not refang (brackets are legal in file names)', () => {
    expect(canonicalFile('/tmp/report[.]txt')).toBe('/tmp/report[.]txt');
  });

  it('rejects empty and control characters', () => {
    expect(issueOf(() => canonicalFile('""'))).toMatchObject({ code: 'empty' });
    expect(issueOf(() => canonicalFile('a\u0000b'))).toMatchObject({ code: 'invalid-character' });
    expect(() => canonicalProcess('  ')).toThrow(/process observable/);
  });

  it('is idempotent on arbitrary input it accepts', () => {
    assertFixedPoint(canonicalFile, fc.string({ maxLength: 30 }));
  });
});
