import { createOpenAI } from '@ai-sdk/openai';
import { investigateUser } from './investigate-user.js';

// Run with a real model and a real Okta org:
//   OPENAI_API_KEY=... OKTA_DOMAIN=acme.okta.com OKTA_TOKEN=... npm start -w @rampart/example-own-agent-loop-vercel-ai
const model = createOpenAI({ apiKey: process.env.OPENAI_API_KEY ?? '' })('gpt-4.1');
const result = await investigateUser({
  model,
  oktaDomain: process.env.OKTA_DOMAIN ?? 'acme.okta.com',
  oktaToken: process.env.OKTA_TOKEN ?? '',
  userId: process.argv[2] ?? '00ub0oNGTSWTBKOLGLNR',
});
console.log(result);
