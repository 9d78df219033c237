export const ROLES = ['importer', 'inspector', 'supervisor', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  importer: '数据录入员',
  inspector: '监督检查员',
  supervisor: '科室负责人',
  auditor: '审计（只读）',
  admin: '系统管理员',
};

export interface AuthUser {
  id: number;
  name: string;
  role: Role;
  /** An inspector with a district sees that district's cases; without one, every district. */
  district: string | null;
}

/**
 * The 区镇 a user's reads are confined to, or null for all of them. The rule for every read route (issue 14):
 * an inspector with a district reads that district's cases, tenders, attendance, flags and rings only; an
 * inspector without one, supervisors, auditors and admins read every district. Importers read no case data, and
 * only the imports they made. City-wide aggregates (the annual report, /metrics) carry no case or person data and
 * are read by every role allowed on them.
 */
export function readDistrict(user: Pick<AuthUser, 'role' | 'district'>): string | null {
  return user.role === 'inspector' && user.district ? user.district : null;
}
