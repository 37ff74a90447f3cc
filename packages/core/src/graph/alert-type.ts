import type { Alert } from '../alerts/alert.js';

const maxLength = 160;

/**
 * A stable name for what kind of alert this is, for precedents and earned autonomy: the OCSF class id, then the
 * detection's own name (analytic uid or name, else the first finding type, else the title or message), lower-cased,
 * with email and IP addresses folded, e.g. `2004:impossible travel`. Two alerts from the same rule share it even when
 * their titles name different users.
 */
export function alertTypeOf(alert: Alert): string {
  const finding = alert.finding_info;
  const name =
    finding?.analytic?.uid ?? finding?.analytic?.name ?? finding?.types?.[0] ?? finding?.title ?? alert.message ?? '';
  const folded = name
    .toLowerCase()
    .replace(/\S+@\S+/g, '<email>')
    .replace(/\d+(\.\d+){3}/g, '<ip>')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, maxLength);
  return `${alert.class_uid}:${folded}`;
}
