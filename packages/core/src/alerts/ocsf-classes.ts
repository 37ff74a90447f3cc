/** The OCSF event classes Rampart alerts use, with their category (OCSF 1.x `class_uid` / `category_uid`). */
export const ocsfClasses = {
  securityFinding: { class_uid: 2001, class_name: 'Security Finding', category_uid: 2, category_name: 'Findings' },
  vulnerabilityFinding: {
    class_uid: 2002,
    class_name: 'Vulnerability Finding',
    category_uid: 2,
    category_name: 'Findings',
  },
  detectionFinding: { class_uid: 2004, class_name: 'Detection Finding', category_uid: 2, category_name: 'Findings' },
  incidentFinding: { class_uid: 2005, class_name: 'Incident Finding', category_uid: 2, category_name: 'Findings' },
  accountChange: {
    class_uid: 3001,
    class_name: 'Account Change',
    category_uid: 3,
    category_name: 'Identity & Access Management',
  },
  authentication: {
    class_uid: 3002,
    class_name: 'Authentication',
    category_uid: 3,
    category_name: 'Identity & Access Management',
  },
  apiActivity: { class_uid: 6003, class_name: 'API Activity', category_uid: 6, category_name: 'Application Activity' },
  emailActivity: { class_uid: 4009, class_name: 'Email Activity', category_uid: 4, category_name: 'Network Activity' },
} as const;

export type OcsfClass = (typeof ocsfClasses)[keyof typeof ocsfClasses];
