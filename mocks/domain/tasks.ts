import { can, type Permission, type Principal } from '../../src/access/model';
import type { TaskType } from '../../src/api/types';

/** The permission a task asks of the person who decides it. */
export const TASK_PERMISSION: Record<TaskType, Permission> = {
  'card-approval': 'card:approve-production',
  'prime-user-activation': 'prime-user:activate',
  'registration-review': 'person:register',
};

export function mayWorkOn(principal: Principal, type: TaskType): boolean {
  return can(principal, TASK_PERMISSION[type]);
}
