import { normalizeGmailAlerts } from '@rampart/connector-gmail';
import {
  Alert,
  AuthenticationResultsHeader,
  MailboxAddress,
  type ParsedEmail,
  ParsedEmail as ParsedEmailSchema,
  ReceivedHop,
  parseAddressList,
  parseAuthenticationResults,
  parseEmail,
  parseReceived,
} from '@rampart/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzBudget } from './fuzz-budget.js';
import { checkProperty, scaledRuns } from './fuzz-settings.js';
import { recordInputs } from './input-tally.js';
import { applyMailEdits, mailEdit } from './mail-mutations.js';
import { generatedMessage } from './mime-messages.js';
import { loadSpamAssassinCorpus } from './spam-assassin-corpus.js';
import { expectLocatedRampartError } from './typed-error.js';

/** Parses `raw`; a success must satisfy the ParsedEmail schema, a failure must be a located Rampart error. */
function parseOrTypedError(raw: string | Uint8Array): ParsedEmail | undefined {
  let parsed: ParsedEmail;
  try {
    parsed = parseEmail(raw);
  } catch (error) {
    expectLocatedRampartError(error, 'parseEmail');
    return undefined;
  }
  const result = ParsedEmailSchema.safeParse(parsed);
  if (!result.success) throw new Error(`parseEmail returned a value outside its schema: ${result.error.message}`);
  return parsed;
}

const corpus = loadSpamAssassinCorpus();

describe('the email parser', () => {
  it('reads every message of the Spam Assassin corpus into the schema', () => {
    let parsedCount = 0;
    for (const message of corpus) {
      const parsed = parseOrTypedError(message.text);
      if (parsed !== undefined) parsedCount++;
    }
    recordInputs('email: Spam Assassin corpus', corpus.length);
    // Real mail, ham and spam alike, is readable: a refusal here would be a parser too strict for the field.
    expect(parsedCount).toBe(corpus.length);
  });

  it('answers mutated corpus messages with a parse or a located Rampart error', () => {
    const runs = scaledRuns(fuzzBudget.mutatedCorpusMessages);
    let inputs = 0;
    checkProperty(
      'email: mutated corpus messages',
      fc.property(
        fc.nat({ max: corpus.length - 1 }),
        fc.array(mailEdit, { minLength: 1, maxLength: 6 }),
        fc.boolean(),
        (index, edits, asBytes) => {
          inputs++;
          const text = applyMailEdits(corpus[index]!.text, edits);
          parseOrTypedError(asBytes ? Buffer.from(text, 'latin1') : text);
        },
      ),
      runs,
    );
    recordInputs('email: mutated corpus messages', inputs);
    expect(inputs).toBeGreaterThanOrEqual(runs);
  });

  it('reads back what generated MIME messages carry: subject, text bodies and attachment hashes', () => {
    const runs = scaledRuns(fuzzBudget.generatedMimeMessages);
    let inputs = 0;
    checkProperty(
      'email: generated MIME messages',
      fc.property(generatedMessage, (message) => {
        inputs++;
        const parsed = parseEmail(message.raw);
        expect(ParsedEmailSchema.safeParse(parsed).success).toBe(true);
        expect(parsed.subject ?? '').toBe(message.subject);
        expect(parsed.textBody ?? '').toBe(message.texts.join('\n'));
        expect(parsed.attachments.map((attachment) => attachment.sha256)).toEqual(message.attachmentHashes);
        expect(parsed.from).toEqual([{ address: 'sender@example.com', name: 'Fuzz Sender' }]);
      }),
      runs,
    );
    recordInputs('email: generated MIME messages', inputs);
    expect(inputs).toBeGreaterThanOrEqual(runs);
  });

  it('reads arbitrary header values with the address, Received and Authentication-Results parsers, which never throw', () => {
    const runs = scaledRuns(fuzzBudget.headerValues);
    let inputs = 0;
    const headerText = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 120 }),
      fc.string({ unit: fc.constantFrom(...'<>"(),;:@[]=. \\abc1'), maxLength: 120 }),
      fc.constantFrom(...corpus.slice(0, 200).flatMap((message) => message.text.split('\n').slice(0, 12))),
    );
    checkProperty(
      'email: header values',
      fc.property(headerText, (value) => {
        inputs++;
        for (const mailbox of parseAddressList(value)) expect(MailboxAddress.safeParse(mailbox).success).toBe(true);
        expect(ReceivedHop.safeParse(parseReceived(value)).success).toBe(true);
        expect(AuthenticationResultsHeader.safeParse(parseAuthenticationResults(value)).success).toBe(true);
      }),
      runs,
    );
    recordInputs('email: header values', inputs);
    expect(inputs).toBeGreaterThanOrEqual(runs);
  });

  it('gives the Gmail normalizer raw messages it turns into alerts or located Rampart errors', () => {
    const runs = scaledRuns(fuzzBudget.gmailRawMessages);
    let inputs = 0;
    checkProperty(
      'email: Gmail raw-format messages',
      fc.property(
        fc.nat({ max: corpus.length - 1 }),
        fc.array(mailEdit, { maxLength: 3 }),
        fc.constantFrom('base64url', 'base64', 'corrupt'),
        (index, edits, encoding) => {
          inputs++;
          const bytes = Buffer.from(applyMailEdits(corpus[index]!.text, edits), 'utf8');
          const raw =
            encoding === 'corrupt'
              ? `${bytes.toString('base64url').slice(0, 40)}%${bytes.length}`
              : bytes.toString(encoding);
          let alerts: Alert[];
          try {
            alerts = normalizeGmailAlerts({ id: `m${index}`, internalDate: '1700000000000', raw });
          } catch (error) {
            expectLocatedRampartError(error, 'gmail normalizeAlerts');
            return;
          }
          for (const alert of alerts) expect(Alert.safeParse(alert).success).toBe(true);
        },
      ),
      runs,
    );
    recordInputs('email: Gmail raw-format messages', inputs);
    expect(inputs).toBeGreaterThanOrEqual(runs);
  });
});
