import { ValidationError } from '../errors.js';
import type { EntityKind } from './entity.js';

/** Why a raw observable has no canonical form. Codes are stable; messages are for people. */
export type ObservableIssueCode =
  | 'empty'
  | 'too-long'
  | 'invalid-character'
  | 'invalid-format'
  | 'out-of-range'
  | 'ambiguous'
  | 'unsupported';

/** Where in the raw text the problem lies (`octets[3]`, `labels[1]`, `host`, `port`...) and what it is. */
export interface ObservableIssue {
  path: string;
  message: string;
  code: ObservableIssueCode;
}

/**
 * The canonicalisers return the canonical string or an issue instead of throwing, so the alert hot path
 * pays for no stack trace on rejects. The public `canonical*` functions throw a `ValidationError`.
 */
export type Canonical = string | ObservableIssue;

export function issue(path: string, code: ObservableIssueCode, message: string): ObservableIssue {
  return { path, code, message };
}

const quoteLimit = 80;

/** The value as shown in error messages: bounded, so a megabyte of garbage does not become a megabyte of error. */
export function quoteValue(raw: string): string {
  return JSON.stringify(raw.length > quoteLimit ? `${raw.slice(0, quoteLimit)}…` : raw);
}

export function observableError(kind: EntityKind, raw: string, problem: ObservableIssue): ValidationError {
  return new ValidationError(`${kind} observable ${quoteValue(raw)}`, [
    { path: problem.path, message: problem.message, code: problem.code },
  ]);
}

/** Unwraps a canonicaliser's result for the throwing public API. */
export function orThrow(kind: EntityKind, raw: string, result: Canonical): string {
  if (typeof result === 'string') return result;
  throw observableError(kind, raw, result);
}

/** True when the text holds a C0 control character or DEL (never legitimate inside an observable). */
export function hasControlCharacter(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}
