import type { AlertInput } from '@rampart/core';
import { SeededRandom } from './seeded-random.js';

/**
 * A deterministic stream of synthetic alerts in Rampart's Alert form (OCSF 1.x), for benchmarks.
 *
 * Shape of the stream, chosen to look like a SOC's alert queue:
 * - Six products (EDR, identity, email, cloud, network, a second EDR), each reporting the observables it
 *   really carries (hosts, `DOMAIN\user` names, login emails, addresses, domains, URLs, hashes, ARNs).
 * - Most alerts belong to an **incident**: a small set of entities (a user, their laptop, an attacker's
 *   addresses, a domain, a payload hash) that several alerts from several products report over minutes to
 *   hours. Incident sizes are heavy-tailed (most have one or two alerts, a few have hundreds), so cases come
 *   out of every size. The rest are background alerts with entities drawn independently.
 * - Entities are drawn from pools with a skew (a few noisy users, hosts and destinations, a long tail), so
 *   unrelated alerts sometimes share an entity and the correlation window decides whether they join.
 * - Event times advance at a fixed rate (`alertsPerDay`), so a stream of any length has the same density per
 *   window: the first 10k alerts of a 1M stream are the 10k stream.
 * - About `duplicateRate` of the alerts are exact re-deliveries of a recent alert (same vendor id, same
 *   content), as at-least-once delivery produces.
 * - A few alerts carry placeholder or local values (`SYSTEM`, `127.0.0.1`, `-`) that must not correlate.
 */
export interface AlertStreamOptions {
  seed?: number;
  /** Event time of the first alert, epoch milliseconds. */
  start?: number;
  alertsPerDay?: number;
  /** Share of alerts that are exact duplicates of a recent one. */
  duplicateRate?: number;
  /** Share of (non-duplicate) alerts that belong to no incident. */
  backgroundShare?: number;
  /** Incidents producing alerts at the same time. */
  concurrentIncidents?: number;
}

const day = 86_400_000;

// biome-ignore format: a word list reads best packed
const firstNames = [
  'ana', 'ben', 'chloe', 'david', 'elena', 'farid', 'grace', 'hiro', 'ines', 'jamal', 'kate', 'liam', 'maria',
  'noah', 'olga', 'pedro', 'quinn', 'rosa', 'sam', 'tariq', 'uma', 'victor', 'wei', 'ximena', 'yusuf', 'zoe',
  'arjun', 'bea', 'carlos', 'dina', 'emil', 'fatima', 'gus', 'hana', 'ivan', 'jane', 'kofi', 'lena', 'mei', 'nils',
];
// biome-ignore format: a word list reads best packed
const lastNames = [
  'adams', 'brown', 'chen', 'diaz', 'evans', 'fischer', 'garcia', 'haddad', 'ito', 'jensen', 'khan', 'lopez',
  'moreau', 'nowak', 'okafor', 'patel', 'quispe', 'rossi', 'silva', 'tanaka', 'ueda', 'varga', 'weber', 'xu',
  'yilmaz', 'zhang', 'ahmed', 'berg', 'costa', 'doe', 'eriksen', 'ford', 'gomez', 'hughes', 'ivanova', 'jones',
];
// biome-ignore format: a word list reads best packed
const words = [
  'invoice', 'update', 'secure', 'login', 'portal', 'cloud', 'share', 'docs', 'verify', 'account', 'billing',
  'delivery', 'support', 'office', 'files', 'payroll', 'auth', 'sync', 'cdn', 'static', 'mail', 'drive', 'app',
  'connect', 'service', 'online', 'signin', 'team', 'notice', 'alert', 'track', 'media', 'data', 'net', 'hub',
];
const topLevelDomains = ['example', 'test', 'example.com', 'example.net', 'example.org'];
const awsServices = ['iam', 's3', 'ec2', 'lambda'];

/** Entity pools: value by index, built on first use and kept, so a value costs its formatting once. */
class EntityPools {
  readonly users = 6_000;
  readonly hosts = 5_000;
  readonly internalAddresses = 8_000;
  readonly externalAddresses = 60_000;
  readonly domains = 20_000;
  readonly hashes = 400_000;
  readonly cloudResources = 3_000;
  private readonly cache = new Map<string, string[]>();

  private cached(kind: string, index: number, make: (index: number) => string): string {
    let values = this.cache.get(kind);
    if (values === undefined) {
      values = [];
      this.cache.set(kind, values);
    }
    let value = values[index];
    if (value === undefined) {
      value = make(index);
      values[index] = value;
    }
    return value;
  }

  /** `jane.doe`, `jane.doe2` ... */
  userName(index: number): string {
    return this.cached('user', index, (i) => {
      const first = firstNames[i % firstNames.length]!;
      const last = lastNames[Math.floor(i / firstNames.length) % lastNames.length]!;
      const round = Math.floor(i / (firstNames.length * lastNames.length));
      return `${first}.${last}${round === 0 ? '' : round + 1}`;
    });
  }

  host(index: number): string {
    return this.cached('host', index, (i) =>
      i % 5 === 4
        ? `SRV-APP-${String(i).padStart(4, '0')}.corp.acme.example`
        : `WS-${lastNames[i % lastNames.length]!.toUpperCase()}-${String(i).padStart(4, '0')}`,
    );
  }

  internalAddress(index: number): string {
    return `10.${(index >> 14) & 255}.${(index >> 6) & 255}.${(index & 63) + 10}`;
  }

  /** In 198.18.0.0/15, the range set aside for benchmarks (RFC 2544). */
  externalAddress(index: number): string {
    const offset = (index * 2_654_435_761) % 131_072;
    return `198.${18 + (offset >> 16)}.${(offset >> 8) & 255}.${offset & 255}`;
  }

  domain(index: number): string {
    return this.cached('domain', index, (i) => {
      const first = words[i % words.length]!;
      const second = words[Math.floor(i / words.length) % words.length]!;
      const round = Math.floor(i / (words.length * words.length));
      return `${first}-${second}${round === 0 ? '' : round}.${topLevelDomains[i % topLevelDomains.length]!}`;
    });
  }

  hash(index: number): string {
    return this.cached('hash', index, (i) => new SeededRandom(0x5eed ^ Math.imul(i + 1, 0x9e3779b1)).hex(64));
  }

  cloudResource(index: number): string {
    const service = awsServices[index % awsServices.length]!;
    const account = String(100_000_000_000 + (index % 7) * 1_111_111_111);
    switch (service) {
      case 'iam':
        return `arn:aws:iam::${account}:user/svc-${index}`;
      case 's3':
        return `arn:aws:s3:::acme-data-${index}`;
      case 'ec2':
        return `arn:aws:ec2:eu-west-1:${account}:instance/i-${(index * 48_271).toString(16).padStart(12, '0')}`;
      default:
        return `arn:aws:lambda:us-east-1:${account}:function:job-${index}`;
    }
  }
}

/** The entities one incident is about. */
interface IncidentEntities {
  user: number;
  host: number;
  internalAddress: number;
  externalAddresses: number[];
  domain: number;
  hash: number;
  cloudResource: number;
}

interface Incident {
  entities: IncidentEntities;
  remaining: number;
  /** Products that report this incident, by profile index. */
  profiles: number[];
}

type Observables = NonNullable<AlertInput['observables']>;

interface Profile {
  vendor: string;
  product: string;
  ocsf: { class_uid: number; class_name: string; category_uid: number; category_name: string };
  activityId: number;
  titles: readonly string[];
  attacks: readonly { tactic: string; technique: string }[];
  uid: (random: SeededRandom, sequence: number) => string;
  observables: (entities: IncidentEntities, pools: EntityPools, random: SeededRandom) => Observables;
}

const findingsCategory = 2;
const detectionFinding = {
  class_uid: 2004,
  class_name: 'Detection Finding',
  category_uid: 2,
  category_name: 'Findings',
};

const observable = (name: string, typeId: number, type: string, value: string) => ({
  name,
  type_id: typeId,
  type,
  value,
});

/** A value that must not correlate, as products emit them now and then. */
function placeholderUser(random: SeededRandom): string {
  return random.pick(['NT AUTHORITY\\SYSTEM', 'SYSTEM', '-', 'unknown']);
}

const profiles: readonly Profile[] = [
  {
    vendor: 'CrowdStrike',
    product: 'Falcon Insight',
    ocsf: detectionFinding,
    activityId: 1,
    titles: [
      'PowerShell downloaded and ran a script from a newly seen domain',
      'Credential dumping attempt against LSASS',
      'Suspicious scheduled task created',
      'Known malware hash executed',
      'Office application spawned a command shell',
    ],
    attacks: [
      { tactic: 'TA0002', technique: 'T1059.001' },
      { tactic: 'TA0006', technique: 'T1003.001' },
      { tactic: 'TA0003', technique: 'T1053.005' },
    ],
    uid: (random, sequence) => `ldt:${random.hex(16)}:${sequence}`,
    observables: (entities, pools, random) => {
      const list: Observables = [
        observable('device.hostname', 1, 'Hostname', pools.host(entities.host)),
        observable(
          'actor.user.name',
          4,
          'User Name',
          random.chance(0.03) ? placeholderUser(random) : `ACME\\${pools.userName(entities.user)}`,
        ),
        observable('process.file.hashes', 8, 'Hash', pools.hash(entities.hash).toUpperCase()),
      ];
      if (random.chance(0.5)) list.push(observable('query.hostname', 1, 'Hostname', pools.domain(entities.domain)));
      if (random.chance(0.3)) {
        list.push(
          observable('dst_endpoint.ip', 2, 'IP Address', pools.externalAddress(entities.externalAddresses[0]!)),
        );
      }
      return list;
    },
  },
  {
    vendor: 'Okta',
    product: 'Okta System Log',
    ocsf: {
      class_uid: 3002,
      class_name: 'Authentication',
      category_uid: 3,
      category_name: 'Identity & Access Management',
    },
    activityId: 1,
    titles: [
      'MFA push fatigue followed by a successful sign-in',
      'Sign-in from a new country',
      'Impossible travel between two sign-ins',
      'Password spray against several accounts',
    ],
    attacks: [
      { tactic: 'TA0006', technique: 'T1621' },
      { tactic: 'TA0001', technique: 'T1078' },
      { tactic: 'TA0006', technique: 'T1110.003' },
    ],
    uid: (random) => `${random.hex(8)}-${random.hex(4)}-11f0-${random.hex(4)}-${random.hex(12)}`,
    observables: (entities, pools, random) => [
      observable('user.email_addr', 5, 'Email Address', `${pools.userName(entities.user)}@acme.example`),
      observable('src_endpoint.ip', 2, 'IP Address', pools.externalAddress(random.pick(entities.externalAddresses))),
    ],
  },
  {
    vendor: 'Microsoft',
    product: 'Microsoft 365 Defender',
    ocsf: { class_uid: 4009, class_name: 'Email Activity', category_uid: 4, category_name: 'Network Activity' },
    activityId: 2,
    titles: [
      'User-reported phishing',
      'Email messages containing malicious URL removed after delivery',
      'Suspicious inbox forwarding rule',
    ],
    attacks: [{ tactic: 'TA0001', technique: 'T1566.002' }],
    uid: (random) => `da${random.hex(10)}`,
    observables: (entities, pools, random) => {
      const domain = pools.domain(entities.domain);
      return [
        observable(
          'email.from',
          5,
          'Email Address',
          `${random.pick(['billing', 'it-support', 'hr', 'no-reply'])}@${domain}`,
        ),
        observable('email.to', 5, 'Email Address', `${pools.userName(entities.user)}@acme.example`),
        observable('email.urls', 6, 'URL String', `https://${domain}/login?session=${random.integer(10_000)}`),
      ];
    },
  },
  {
    vendor: 'Amazon Web Services',
    product: 'GuardDuty',
    ocsf: detectionFinding,
    activityId: 1,
    titles: [
      'Credentials of an IAM user used from an unusual address',
      'EC2 instance querying a domain associated with cryptomining',
      'S3 bucket policy made public',
    ],
    attacks: [
      { tactic: 'TA0001', technique: 'T1078.004' },
      { tactic: 'TA0040', technique: 'T1496' },
    ],
    uid: (random) => random.hex(32),
    observables: (entities, pools, random) => [
      observable('resources.uid', 10, 'Resource UID', pools.cloudResource(entities.cloudResource)),
      observable('src_endpoint.ip', 2, 'IP Address', pools.externalAddress(random.pick(entities.externalAddresses))),
      observable('actor.user.name', 4, 'User Name', `svc-${entities.cloudResource}`),
    ],
  },
  {
    vendor: 'Palo Alto Networks',
    product: 'PAN-OS',
    ocsf: detectionFinding,
    activityId: 1,
    titles: [
      'Command-and-control traffic to a known bad address',
      'DNS query for a newly registered domain',
      'Outbound connection on an unusual port',
    ],
    attacks: [{ tactic: 'TA0011', technique: 'T1071.001' }],
    uid: (_random, sequence) => String(7_000_000_000 + sequence),
    observables: (entities, pools, random) => [
      observable(
        'src_endpoint.ip',
        2,
        'IP Address',
        random.chance(0.02) ? '127.0.0.1' : pools.internalAddress(entities.internalAddress),
      ),
      observable('dst_endpoint.ip', 2, 'IP Address', pools.externalAddress(random.pick(entities.externalAddresses))),
      observable('query.hostname', 1, 'Hostname', pools.domain(entities.domain)),
      observable('src_endpoint.hostname', 1, 'Hostname', pools.host(entities.host)),
    ],
  },
  {
    vendor: 'SentinelOne',
    product: 'Singularity',
    ocsf: detectionFinding,
    activityId: 1,
    titles: ['Ransomware behaviour detected', 'Malicious document opened', 'Unsigned binary dropped in a temp folder'],
    attacks: [
      { tactic: 'TA0040', technique: 'T1486' },
      { tactic: 'TA0002', technique: 'T1204.002' },
    ],
    uid: (_random, sequence) => `19${String(sequence).padStart(17, '0')}`,
    observables: (entities, pools, random) => [
      observable('device.hostname', 1, 'Hostname', pools.host(entities.host)),
      observable(
        'actor.user.name',
        4,
        'User Name',
        random.chance(0.03) ? placeholderUser(random) : pools.userName(entities.user),
      ),
      observable('file.hashes', 8, 'Hash', pools.hash(entities.hash)),
      observable(
        'file.path',
        45,
        'File Path',
        `C:\\Users\\${pools.userName(entities.user)}\\AppData\\Local\\Temp\\${random.hex(6)}.exe`,
      ),
    ],
  },
];

/** Relative frequency of each product in the queue, by profile index. */
const profileWeights = [0.3, 0.2, 0.15, 0.1, 0.15, 0.1];
const severityNames = ['Unknown', 'Informational', 'Low', 'Medium', 'High', 'Critical'];

export class AlertStream {
  private readonly random: SeededRandom;
  private readonly pools = new EntityPools();
  private readonly incidents: Incident[] = [];
  private readonly recent: AlertInput[] = [];
  private readonly alertsPerDay: number;
  private readonly duplicateRate: number;
  private readonly backgroundShare: number;
  private readonly concurrentIncidents: number;
  private time: number;
  private sequence = 0;
  /** How many alerts were emitted, and how many of them were duplicates. */
  emitted = 0;
  duplicates = 0;

  constructor(options: AlertStreamOptions = {}) {
    this.random = new SeededRandom(options.seed ?? 20_261_127);
    this.time = options.start ?? Date.UTC(2026, 0, 1);
    this.alertsPerDay = options.alertsPerDay ?? 10_000;
    this.duplicateRate = options.duplicateRate ?? 0.05;
    this.backgroundShare = options.backgroundShare ?? 0.35;
    this.concurrentIncidents = options.concurrentIncidents ?? 40;
  }

  /**
   * The next `count` alerts, as a connector or a webhook hands them over: decoded from JSON. The generator builds
   * strings by concatenation, which V8 keeps as rope ("cons") strings that no JSON decoder produces; read for the
   * first time by the engine, each is flattened into a copy, which cost about 9 µs per alert of parsing and entity
   * extraction (measured: 15 against 6 µs per alert) — a cost of this generator, not of ingesting alerts.
   */
  take(count: number): AlertInput[] {
    const alerts: AlertInput[] = new Array(count);
    for (let index = 0; index < count; index++) alerts[index] = this.next();
    return JSON.parse(JSON.stringify(alerts)) as AlertInput[];
  }

  next(): AlertInput {
    const random = this.random;
    this.emitted++;
    if (this.recent.length > 0 && random.chance(this.duplicateRate)) {
      this.duplicates++;
      return structuredClone(random.pick(this.recent));
    }
    this.time += Math.round(random.exponential(day / this.alertsPerDay));
    let alert: AlertInput;
    if (random.chance(this.backgroundShare)) {
      alert = this.alert(this.pickProfile(), this.backgroundEntities());
    } else {
      while (this.incidents.length < this.concurrentIncidents) this.incidents.push(this.newIncident());
      const slot = random.integer(this.incidents.length);
      const incident = this.incidents[slot]!;
      alert = this.alert(random.pick(incident.profiles), this.incidentAlertEntities(incident));
      if (--incident.remaining === 0) {
        this.incidents[slot] = this.incidents[this.incidents.length - 1]!;
        this.incidents.pop();
      }
    }
    if (this.recent.length < 2_000) this.recent.push(alert);
    else this.recent[random.integer(this.recent.length)] = alert;
    return alert;
  }

  private pickProfile(): number {
    let draw = this.random.next();
    for (let index = 0; index < profileWeights.length; index++) {
      draw -= profileWeights[index]!;
      if (draw < 0) return index;
    }
    return profileWeights.length - 1;
  }

  private backgroundEntities(): IncidentEntities {
    const random = this.random;
    const pools = this.pools;
    return {
      user: random.skewed(pools.users, 40),
      host: random.skewed(pools.hosts, 40),
      internalAddress: random.skewed(pools.internalAddresses, 40),
      externalAddresses: [random.skewed(pools.externalAddresses, 200)],
      domain: random.skewed(pools.domains, 100),
      hash: random.skewed(pools.hashes, 2_000),
      cloudResource: random.skewed(pools.cloudResources, 40),
    };
  }

  private newIncident(): Incident {
    const random = this.random;
    // Heavy-tailed size (a discrete Pareto with shape 1.3): about 60% single alerts, 5% of 10 or more.
    const size = Math.min(400, Math.floor(1 / (1 - random.next()) ** (1 / 1.3)));
    const entities = this.backgroundEntities();
    // Attackers' infrastructure is fresher than users and hosts: a flatter draw over a larger range.
    entities.externalAddresses = Array.from({ length: random.between(1, 3) }, () =>
      random.skewed(this.pools.externalAddresses, 5_000),
    );
    entities.hash = random.integer(this.pools.hashes);
    const profileCount = random.between(1, 3);
    const chosen = new Set<number>();
    while (chosen.size < profileCount) chosen.add(this.pickProfile());
    return { entities, remaining: size, profiles: [...chosen] };
  }

  /** An incident's entities, with now and then one replaced by an unrelated one, as real alerts look. */
  private incidentAlertEntities(incident: Incident): IncidentEntities {
    if (!this.random.chance(0.25)) return incident.entities;
    const noise = this.backgroundEntities();
    const entities = { ...incident.entities };
    switch (this.random.integer(4)) {
      case 0:
        entities.user = noise.user;
        break;
      case 1:
        entities.host = noise.host;
        break;
      case 2:
        entities.domain = noise.domain;
        break;
      default:
        entities.hash = noise.hash;
    }
    return entities;
  }

  private alert(profileIndex: number, entities: IncidentEntities): AlertInput {
    const random = this.random;
    const profile = profiles[profileIndex]!;
    const sequence = ++this.sequence;
    const uid = profile.uid(random, sequence);
    const severityId = random.pick([1, 2, 2, 3, 3, 3, 4, 4, 5]);
    const title = random.pick(profile.titles);
    const attack = random.pick(profile.attacks);
    const time = this.time;
    const ocsf = profile.ocsf;
    // Written out rather than spread: objects built like JSON.parse builds them, as alerts arrive.
    const alert: AlertInput = {
      class_uid: ocsf.class_uid,
      class_name: ocsf.class_name,
      category_uid: ocsf.category_uid,
      category_name: ocsf.category_name,
      activity_id: profile.activityId,
      type_uid: ocsf.class_uid * 100 + profile.activityId,
      severity_id: severityId,
      severity: severityNames[severityId],
      time,
      message: title,
      observables: profile.observables(entities, this.pools, random),
      attacks: [{ tactic: { uid: attack.tactic }, technique: { uid: attack.technique } }],
      metadata: {
        version: '1.8.0',
        product: { vendor_name: profile.vendor, name: profile.product },
        uid,
        logged_time: time + random.integer(120_000),
      },
    };
    // Only findings carry finding_info in OCSF; activity classes (Authentication, Email Activity) name
    // themselves with message and metadata.uid.
    if (ocsf.category_uid === findingsCategory) {
      alert.finding_info = {
        uid: `${profile.vendor.toLowerCase().replaceAll(' ', '-')}-${uid}`,
        title,
        types: [title.split(' ')[0]!],
        analytic: { name: title.replaceAll(' ', ''), type_id: 1, type: 'Rule' },
        created_time: time,
      };
    }
    return alert;
  }
}
