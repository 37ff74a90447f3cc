/** Where a command writes: `process.stdout`/`process.stderr` in the `rampart` binary, a buffer in tests. */
export type Write = (text: string) => void;

// C0 and C1 control characters other than whitespace: alert content is untrusted, and an escape sequence in an
// alert title must not reach the terminal.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const controlCharacters = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f]/g;

/** Folds `text` onto one line without control characters, cut to `length` characters with the cut marked. */
export function oneLine(text: string, length = 160): string {
  const folded = text.replace(controlCharacters, '\ufffd').replace(/\s+/g, ' ').trim();
  return folded.length <= length ? folded : `${folded.slice(0, length - 1)}…`;
}
