import { afterEach, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../create-sandbox.js';
import { abuseipdbVendor } from './abuseipdb.js';
import { awsGuarddutyVendor } from './aws-guardduty.js';
import { crowdstrikeFalconVendor } from './crowdstrike-falcon.js';
import { microsoftDefenderEndpointVendor } from './microsoft-defender-endpoint.js';
import { microsoftEntraIdVendor } from './microsoft-entra-id.js';
import { oktaVendor } from './okta.js';
import { virustotalVendor } from './virustotal.js';

const world = {
  users: [{ email: 'jane.doe@acme.example', name: 'Jane Doe', factors: [{ type: 'push' as const }] }],
  hosts: [{ hostname: 'ws-0142.acme.example', user: 'jane.doe@acme.example' }],
  reputation: [
    { type: 'ip' as const, value: '203.0.113.66', verdict: 'malicious' as const, country: 'RU' },
    { type: 'url' as const, value: 'https://login-micros0ft.example/auth', verdict: 'malicious' as const },
    { type: 'domain' as const, value: 'newsletter.shop.example', verdict: 'benign' as const },
    {
      type: 'hash' as const,
      value: 'bc39e1acf0d704bc8ce7cf29707f368050eba3c19349b914c261667c6e0e167a',
      verdict: 'malicious' as const,
      fileName: 'Invoice_Q3.docm',
    },
  ],
};

let sandbox: Sandbox;
afterEach(async () => {
  await sandbox?.close();
});

describe('endpoints: Falcon and Defender share one world', () => {
  it('a host contained through Falcon stays contained, and Defender can release it', async () => {
    sandbox = createSandbox({ world });
    const falcon = sandbox.connector(crowdstrikeFalconVendor);
    const defender = sandbox.connector(microsoftDefenderEndpointVendor);
    const { resources: ids } = await falcon.tools.searchHosts({ filter: "hostname:'WS-0142'" });
    expect(ids).toHaveLength(1);
    const containHost = sandbox.socConnectors.find((connector) => connector.id === 'crowdstrike-falcon')!.tools
      .containHost!;
    await containHost({ hostIds: ids! as string[] });
    const [device] = (await falcon.tools.getHostDetails({ hostIds: ids! as string[] })).resources ?? [];
    expect(device).toMatchObject({ hostname: 'WS-0142', status: 'contained' });
    expect(sandbox.world.findHost('ws-0142')!.contained).toBe(true);

    const action = await defender.tools.liftHostContainment({ machineId: 'ws-0142.acme.example', Comment: 'clean' });
    expect(action).toMatchObject({ type: 'Unisolate', status: 'Succeeded' });
    expect(await defender.tools.getMachineAction({ machineActionId: action.id! })).toMatchObject({ type: 'Unisolate' });
    const [after] = (await falcon.tools.getHostDetails({ hostIds: ids! as string[] })).resources ?? [];
    expect(after?.status).toBe('normal');

    const log = sandbox.actions().filter((entry) => entry.risk !== 'read');
    expect(log.map((entry) => [entry.tool, entry.capabilities, entry.targets])).toEqual([
      ['setHostContainment', ['host.contain'], ['host:ws-0142.acme.example']],
      ['liftHostContainment', ['host.release'], ['host:ws-0142.acme.example']],
    ]);
  });

  it('records an allow-listing indicator as indicator.allow, not a block', async () => {
    sandbox = createSandbox({ world });
    await sandbox.connector(microsoftDefenderEndpointVendor).tools.submitIndicator({
      indicatorValue: 'partner-portal.example',
      indicatorType: 'DomainName',
      action: 'Allowed',
      title: 'Allow partner portal',
      description: 'Requested in an email',
    });
    expect(sandbox.actions()[0]).toMatchObject({
      capabilities: ['indicator.allow'],
      targets: ['domain:partner-portal.example'],
    });
  });
});

describe('identity: Okta and Entra see one account', () => {
  it('an account disabled in Entra is suspended in Okta and cannot sign in', async () => {
    sandbox = createSandbox({ world });
    const entra = sandbox.connector(microsoftEntraIdVendor);
    expect((await entra.tools.getUser({ userId: 'jane.doe@acme.example' })).accountEnabled).toBe(true);
    await entra.tools.setUserAccountEnabled({ userId: 'jane.doe@acme.example', accountEnabled: false });
    expect((await sandbox.connector(oktaVendor).tools.getUser({ userId: 'jane.doe@acme.example' })).status).toBe(
      'SUSPENDED',
    );
    expect(sandbox.world.signIn('jane.doe@acme.example', { ip: '198.51.100.7' }).allowed).toBe(false);
    const signIns = await entra.tools.listSignIns({ filter: "userPrincipalName eq 'jane.doe@acme.example'" });
    expect(signIns.value?.[0]?.status).toMatchObject({ errorCode: 500121 });
    expect(sandbox.actions().find((entry) => entry.tool === 'setUserAccountEnabled')).toMatchObject({
      capabilities: ['user.suspend'],
      targets: ['user:jane.doe@acme.example'],
    });
  });
});

describe('threat intelligence', () => {
  it('VirusTotal and AbuseIPDB answer from the world reputation data', async () => {
    sandbox = createSandbox({ world });
    const virustotal = sandbox.socConnectors.find((connector) => connector.id === 'virustotal')!.tools;
    const url = (await virustotal.lookupUrl!({ url: 'hxxps://login-micros0ft[.]example/auth' })) as {
      data: { attributes: { last_analysis_stats: { malicious: number } } };
    };
    expect(url.data.attributes.last_analysis_stats.malicious).toBeGreaterThan(10);
    const vt = sandbox.connector(virustotalVendor);
    const file = await vt.tools.lookupHash({ hash: world.reputation[3]!.value });
    expect(file.data.attributes).toMatchObject({ meaningful_name: 'Invoice_Q3.docm' });
    const domain = await vt.tools.lookupDomain({ domain: 'newsletter.shop.example' });
    expect(domain.data.attributes.last_analysis_stats).toMatchObject({ malicious: 0, harmless: 71 });
    await expect(vt.tools.lookupHash({ hash: 'a'.repeat(64) })).rejects.toMatchObject({ status: 404 });
    const ip = await sandbox.connector(abuseipdbVendor).tools.lookupIp({ ipAddress: '203.0.113.66' });
    expect(ip.data).toMatchObject({ abuseConfidenceScore: 96, countryCode: 'RU' });
  });
});

describe('cloud', () => {
  it('GuardDuty serves the findings it was given and archives them', async () => {
    sandbox = createSandbox({ world });
    sandbox.world.addVendorAlerts('aws-guardduty', [
      { id: 'f-1', type: 'UnauthorizedAccess:IAMUser/MaliciousIPCaller', severity: 8, service: { detectorId: 'd-1' } },
      { id: 'f-2', type: 'Recon:IAMUser/UserPermissions', severity: 2, service: { detectorId: 'd-1' } },
    ]);
    const guardduty = sandbox.connector(awsGuarddutyVendor);
    const { detectorIds } = await guardduty.tools.listDetectors({});
    expect(detectorIds).toEqual(['d-1']);
    const { findingIds } = await guardduty.tools.listFindings({
      detectorId: 'd-1',
      findingCriteria: {
        criterion: { severity: { greaterThanOrEqual: 4 }, 'service.archived': { equals: ['false'] } },
      },
    });
    expect(findingIds).toEqual(['f-1']);
    await guardduty.tools.archiveFindings({ detectorId: 'd-1', findingIds: ['f-1'] });
    const again = await guardduty.tools.listFindings({
      detectorId: 'd-1',
      findingCriteria: { criterion: { 'service.archived': { equals: ['false'] } } },
    });
    expect(again.findingIds).toEqual(['f-2']);
  });
});
