/**
 * The OCSF 1.x event classes Rampart alerts use, with their category and which of the optional Alert
 * attributes the class defines. Findings carry `finding_info`; activity classes do not, so an alert of an
 * activity class names itself with `message` and `metadata.uid` instead (checked by `parseAlert`).
 * Security Finding (2001) is left out: OCSF deprecated it in 1.1.0 in favour of Detection Finding.
 */
export const ocsfClasses = {
  vulnerabilityFinding: {
    class_uid: 2002,
    class_name: 'Vulnerability Finding',
    category_uid: 2,
    category_name: 'Findings',
    attributes: { finding_info: true, resources: true },
  },
  detectionFinding: {
    class_uid: 2004,
    class_name: 'Detection Finding',
    category_uid: 2,
    category_name: 'Findings',
    attributes: { finding_info: true, resources: true },
  },
  accountChange: {
    class_uid: 3001,
    class_name: 'Account Change',
    category_uid: 3,
    category_name: 'Identity & Access Management',
    attributes: { finding_info: false, resources: false },
  },
  authentication: {
    class_uid: 3002,
    class_name: 'Authentication',
    category_uid: 3,
    category_name: 'Identity & Access Management',
    attributes: { finding_info: false, resources: false },
  },
  emailActivity: {
    class_uid: 4009,
    class_name: 'Email Activity',
    category_uid: 4,
    category_name: 'Network Activity',
    attributes: { finding_info: false, resources: false },
  },
  apiActivity: {
    class_uid: 6003,
    class_name: 'API Activity',
    category_uid: 6,
    category_name: 'Application Activity',
    attributes: { finding_info: false, resources: true },
  },
} as const;

export type OcsfClass = (typeof ocsfClasses)[keyof typeof ocsfClasses];

const byUid = new Map<number, OcsfClass>(Object.values(ocsfClasses).map((entry) => [entry.class_uid, entry]));

/** The declared class with this `class_uid`, if Rampart knows it. */
export function ocsfClassOf(classUid: number): OcsfClass | undefined {
  return byUid.get(classUid);
}
