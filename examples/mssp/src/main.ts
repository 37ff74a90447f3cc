import { approvePending, deploymentStatus, ingest, producerFor, setUp, startDeploymentWorker } from './deployment.js';
import { settingsFromEnvironment } from './settings.js';

/** `npm run <setup|worker|ingest|approve|status> -w @rampart/example-mssp`: one step of the README each. */
const settings = settingsFromEnvironment();
const command = process.argv[2];

if (command === 'setup') {
  const applied = await setUp(settings);
  console.log(`Schema "${settings.schema}": ${applied.length === 0 ? 'up to date' : `applied ${applied.join(', ')}`}`);
  console.log(`Secrets of ${settings.tenants} tenants in ${settings.secretsDirectory} (mode 600)`);
} else if (command === 'worker') {
  const deployment = await startDeploymentWorker(settings);
  console.log(`Worker ${deployment.worker.name} is taking jobs from "${settings.queue}" (Ctrl-C to stop)`);
  deployment.worker.worker.on('completed', (job, result) =>
    console.log(`${result.tenantId} ${job.name} → ${result.caseId} ${result.status}`),
  );
  const stop = async () => {
    await deployment.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} else if (command === 'ingest' || command === 'approve' || command === 'status') {
  const producer = producerFor(settings);
  try {
    if (command === 'ingest') {
      console.log(`Enqueued ${await ingest(settings, producer)} alerts of ${settings.tenants} tenants`);
    } else if (command === 'approve') {
      const decided = await approvePending(settings, producer, {
        by: process.env.USER ?? 'analyst',
        roles: ['soc-lead'],
      });
      for (const each of decided) console.log(`${each.tenantId}: approved ${each.tool} (${each.approvalId})`);
      console.log(`${decided.length} decisions queued`);
    } else {
      console.log(JSON.stringify(await deploymentStatus(settings, producer), null, 2));
    }
  } finally {
    await producer.close();
  }
} else {
  console.error('Usage: main.ts setup | worker | ingest | approve | status');
  process.exit(2);
}
