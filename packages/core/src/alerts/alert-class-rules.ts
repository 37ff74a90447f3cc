import { ocsfClassOf } from './ocsf-classes.js';

/** ATT&CK identifiers as `attacks[]` carries them. */
export const attackTacticId = /^TA\d{4}$/;
export const attackTechniqueId = /^T\d{4}(\.\d{3})?$/;
export const attackSubTechniqueId = /^T\d{4}\.\d{3}$/;

/** The attributes the class rules read; an alert whose structure already parsed. */
export interface ClassRuleSubject {
  class_uid: number;
  category_uid: number;
  message?: string | undefined;
  finding_info?: unknown;
  resources?: unknown;
  metadata: { uid?: string | undefined };
}

export interface ClassRuleIssue {
  path: string[];
  message: string;
}

/**
 * Checks the attributes against the alert's OCSF class: a finding needs `finding_info`; an activity class
 * (Authentication, Email Activity ...) must not carry it, nor `resources` where the class lacks them, and
 * names itself with `message` and `metadata.uid` instead. Classes Rampart does not declare need one of the two.
 * One function for both the schema's refinement and the fast path of `parseAlert`, so they cannot disagree.
 */
export function alertClassIssues(alert: ClassRuleSubject): ClassRuleIssue[] {
  const issues: ClassRuleIssue[] = [];
  const declared = ocsfClassOf(alert.class_uid);
  const where = () =>
    declared ? `OCSF class ${declared.class_uid} ${declared.class_name}` : `class ${alert.class_uid}`;
  if (declared && declared.category_uid !== alert.category_uid) {
    issues.push({
      path: ['category_uid'],
      message: `${where()} belongs to category ${declared.category_uid}, not ${alert.category_uid}`,
    });
  }
  const hasFindingInfo = alert.finding_info !== undefined;
  if (declared?.attributes.finding_info === true && !hasFindingInfo) {
    issues.push({ path: ['finding_info'], message: `required for ${where()}` });
  }
  if (declared?.attributes.finding_info === false && hasFindingInfo) {
    issues.push({
      path: ['finding_info'],
      message: `is not an attribute of ${where()}; put the title in message and the id in metadata.uid`,
    });
  }
  if (declared?.attributes.resources === false && alert.resources !== undefined) {
    issues.push({
      path: ['resources'],
      message: `is not an attribute of ${where()}; list resources as observables (type_id 10, Resource UID)`,
    });
  }
  if (!hasFindingInfo) {
    if (!alert.message) issues.push({ path: ['message'], message: `required for ${where()} without finding_info` });
    if (!alert.metadata.uid) {
      issues.push({ path: ['metadata', 'uid'], message: `required for ${where()} without finding_info` });
    }
  }
  return issues;
}
