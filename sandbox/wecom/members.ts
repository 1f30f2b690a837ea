/** One member of the sandbox corp, as WeCom's address book would list them. */
export interface SandboxMember {
  name: string;
  /** The member's department, in plain words. */
  department: 'product' | 'marketing' | 'training' | 'operations';
  /** The department's id, as `main_department` on the member's lives. */
  mainDepartment: number;
}

/**
 * The sandbox corp's members, by userid: the showcase anchors (张伟 product, 李芳 marketing, 王强 training), the
 * bulk anchor 陈静 (a live's anchor is always a member), 赵敏, marketing staff who anchors nothing, and 刘洋, whose
 * userid is e-mail-like (`liu.yang@hq`: WeCom's userids may hold `.` and `@`). Anyone else is an external person:
 * WeCom's OAuth still hands them a code, but getuserinfo answers an `openid`, no `userid`.
 */
export const SANDBOX_MEMBERS: Readonly<Record<string, SandboxMember>> = Object.freeze({
  zhangwei: { name: '张伟', department: 'product', mainDepartment: 2 },
  lifang: { name: '李芳', department: 'marketing', mainDepartment: 3 },
  wangqiang: { name: '王强', department: 'training', mainDepartment: 4 },
  chenjing: { name: '陈静', department: 'operations', mainDepartment: 5 },
  zhaomin: { name: '赵敏', department: 'marketing', mainDepartment: 3 },
  'liu.yang@hq': { name: '刘洋', department: 'marketing', mainDepartment: 3 },
});

/**
 * A member the BFF's sandbox defaults let into the staff console (with `lifang`), and the member WeCom's sign-in
 * pages approve when no `sandbox_wecom_user` cookie names anyone.
 */
export const SANDBOX_STAFF_MEMBER = 'zhaomin';

/** A member of the corp who is NOT staff in the BFF's sandbox defaults: signs in fine, must be refused the console. */
export const SANDBOX_NON_STAFF_MEMBER = 'wangqiang';

export function isSandboxMember(person: string): boolean {
  return Object.hasOwn(SANDBOX_MEMBERS, person);
}
