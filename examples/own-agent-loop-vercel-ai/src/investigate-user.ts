import { createOktaConnector } from '@rampart/connector-okta';
import { generateText, type LanguageModel, stepCountIs } from 'ai';
import { toAiSdkTools } from './rampart-tools-for-ai-sdk.js';

export interface InvestigationOptions {
  model: LanguageModel;
  oktaDomain: string;
  oktaToken: string;
  userId: string;
}

/**
 * The host's own agent loop (Vercel AI SDK `generateText` with tools). Rampart supplies typed, rate-limited Okta
 * tools; the host picks which ones the model may use — here read-only lookups plus suspending the user.
 */
export async function investigateUser(options: InvestigationOptions) {
  const okta = createOktaConnector({
    baseUrlVariables: { domain: options.oktaDomain },
    credentials: { type: 'ssws', token: options.oktaToken },
  });
  try {
    const { getUser, listUserFactors, listSystemLogEvents, suspendUser } = okta.tools;
    const result = await generateText({
      model: options.model,
      tools: toAiSdkTools({ getUser, listUserFactors, listSystemLogEvents, suspendUser }),
      stopWhen: stepCountIs(5),
      system: 'You are a SOC analyst. Check the user and suspend the account only if it is clearly compromised.',
      prompt: `Okta reported an MFA push-fatigue attack against user ${options.userId}. Investigate and act.`,
    });
    return {
      text: result.text,
      toolCalls: result.steps.flatMap((step) => step.toolCalls.map((call) => call.toolName)),
    };
  } finally {
    await okta.close();
  }
}
