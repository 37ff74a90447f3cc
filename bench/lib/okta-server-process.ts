import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { oktaHeaders, oktaUserBody } from './okta-fixtures.js';

/**
 * The overhead benchmark's vendor: a keep-alive node:http server on 127.0.0.1 answering every request with the
 * Okta user and Okta's headers. It runs in its own process (`startOktaServerProcess`), so its work never lands on
 * the client's event loop: what differs between two client variants is the client alone.
 */

export interface ServerProcess {
  readonly url: string;
  requestCount(): Promise<number>;
  stop(): Promise<void>;
}

type ServerMessage = { type: 'listening'; url: string } | { type: 'count'; count: number };

export function startOktaServerProcess(): Promise<ServerProcess> {
  const child = fork(fileURLToPath(import.meta.url), ['--serve'], {
    execArgv: ['--conditions=@rampart/source', '--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const next = () =>
    new Promise<ServerMessage>((resolve, reject) => {
      child.once('message', (message) => resolve(message as ServerMessage));
      child.once('exit', (code) => reject(new Error(`the loopback server process exited (${code})`)));
    });
  return next().then((first) => {
    if (first.type !== 'listening') throw new Error('unexpected message from the loopback server process');
    return {
      url: first.url,
      async requestCount() {
        const reply = next();
        child.send('count');
        const message = await reply;
        return message.type === 'count' ? message.count : Number.NaN;
      },
      async stop() {
        child.send('stop');
        await exited;
      },
    };
  });
}

async function serve(): Promise<void> {
  // Imported here, not at the top: the kit's testing entry loads msw, which the client process must never hold.
  const { startLoopbackServer } = await import('@rampart/connector-kit/testing');
  // Okta reports the bucket's live budget on every answer; a budget far from empty keeps the kit from pausing.
  const headers = oktaHeaders({
    limit: 1_000_000,
    remaining: 999_999,
    resetEpochSeconds: Math.ceil(Date.now() / 1000) + 3600,
  });
  const server = await startLoopbackServer((_request, response) => {
    response.writeHead(200, headers);
    response.end(oktaUserBody);
  });
  process.on('message', (message) => {
    if (message === 'count') process.send?.({ type: 'count', count: server.requestCount() });
    if (message === 'stop') void server.close().then(() => process.exit(0));
  });
  process.send?.({ type: 'listening', url: server.url });
}

if (process.argv.includes('--serve')) await serve();
