import { type Canonical, hasControlCharacter, issue, orThrow } from './observable-issue.js';

/**
 * Files and processes, named by path or file name. Windows paths and names (a drive letter, a UNC prefix,
 * any `\`, or a `.exe`/`.dll`/`.sys`/`.bat`/`.cmd`/`.ps1` name) are lower-cased, because NTFS compares
 * names case-insensitively; POSIX paths and names keep their case, because Linux and macOS volumes usually
 * do not. Surrounding quotes (as in command lines) are removed; separators are kept as written.
 */

const maxPathLength = 32_768;
const windowsExtensions = ['.exe', '.dll', '.sys', '.bat', '.cmd', '.ps1', '.scr', '.com', '.msi', '.lnk'];

function isWindowsStyle(path: string): boolean {
  if (path.indexOf('\\') !== -1) return true;
  if (path.length >= 2 && path.charCodeAt(1) === 0x3a) {
    const drive = path.charCodeAt(0) | 0x20;
    if (drive >= 0x61 && drive <= 0x7a) return true;
  }
  const dot = path.lastIndexOf('.');
  if (dot === -1 || path.indexOf('/') !== -1) return false;
  const extension = path.slice(dot).toLowerCase();
  return windowsExtensions.includes(extension);
}

/** Canonical path or file name text (no trimming). */
export function canonicalPathText(text: string): Canonical {
  let path = text;
  while (path.length >= 2 && path.charCodeAt(0) === 0x22 && path.charCodeAt(path.length - 1) === 0x22) {
    path = path.slice(1, -1).trim();
  }
  if (path.length === 0) return issue('', 'empty', 'empty path');
  if (path.length > maxPathLength) return issue('', 'too-long', `longer than ${maxPathLength} characters`);
  if (hasControlCharacter(path)) return issue('', 'invalid-character', 'contains a control character');
  return isWindowsStyle(path) ? path.toLowerCase() : path;
}

export function canonicalPathOrIssue(raw: string): Canonical {
  return canonicalPathText(raw.trim());
}

/**
 * The canonical form of a file path or name.
 * @example canonicalFile('"C:\\Windows\\System32\\CMD.EXE"') // 'c:\\windows\\system32\\cmd.exe'
 */
export function canonicalFile(raw: string): string {
  return orThrow('file', raw, canonicalPathOrIssue(raw));
}

/** The canonical form of a process, named by its image path or name, with the same rules as files. */
export function canonicalProcess(raw: string): string {
  return orThrow('process', raw, canonicalPathOrIssue(raw));
}
