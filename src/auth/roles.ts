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
