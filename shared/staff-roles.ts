/**
 * Who may use the staff console: `staff` look (statistics, share kits); a `manager` may also create, change and
 * cancel lives and delete replays. The BFF decides the role (its staff lists) and checks it on every request; the
 * console only hides what the role may not do.
 */
export const STAFF_ROLES = ['staff', 'manager'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const isStaffRole = (value: string): value is StaffRole => (STAFF_ROLES as readonly string[]).includes(value);

/** Creating, changing and cancelling lives, and deleting replays. */
export const mayManageLives = (role: StaffRole): boolean => role === 'manager';
