import type { Task } from '../../api/types';
import { t, tDynamic } from '../../i18n';

/** The name of a task type ("Card approval"). */
export const taskTypeLabel = (type: string) => tDynamic(`tasks.type.${type}`, type);

/** "1 of 2" where more than one approval is needed; a dash where one decision settles it. */
export const approvalsText = (x: Pick<Task, 'approvals' | 'approvalsRequired'>) =>
  x.approvalsRequired > 1 ? t('tasks.approvals', { count: x.approvals, required: x.approvalsRequired }) : t('tasks.noApprovalsNeeded');

/** Router state between the queue and a task page. */
export interface QueueState {
  /** The queue's query string (filters, sort, page), to go back to it as it was. */
  queue?: string;
  /** Set when coming back after a decision: focus goes to the heading instead of being lost. */
  decided?: boolean;
}
