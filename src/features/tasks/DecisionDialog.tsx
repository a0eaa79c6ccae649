import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, type FormEvent } from 'react';
import { Dialog, Heading, Modal } from 'react-aria-components';
import { ApiError } from '../../api/client';
import type { Collection, Task, TaskDecisionKind, TaskDetail } from '../../api/types';
import { formatDateTime, t, tDynamic } from '../../i18n';
import { DialogActions, DialogProblem, ReasonSelect, useReason } from '../../ui/DialogParts';
import { notify } from '../../ui/toast';
import { decideTask, taskKeys } from './taskApi';

const SEPARATION_OF_DUTIES = '/problems/separation-of-duties';
const ISO_TIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z/g;
const inQueue = (status: Task['status']) => status === 'Open' || status === 'Postponed';

/** What the decision will do, in the words of the task's type. */
function effectsOf(task: TaskDetail, decision: TaskDecisionKind): string[] {
  if (decision === 'postpone') return [t('tasks.effect.postpone')];
  if (decision === 'reject') return [tDynamic(`tasks.effect.reject.${task.type}`, '')].filter(Boolean);
  if (task.approvals + 1 < task.approvalsRequired) {
    return [t('tasks.effect.approvePartial', { count: task.approvals + 1, required: task.approvalsRequired })];
  }
  return [tDynamic(`tasks.effect.approve.${task.type}`, '')].filter(Boolean);
}

function doneText(fresh: TaskDetail, decision: TaskDecisionKind): string {
  const name = fresh.subject.displayName;
  if (decision === 'approve' && fresh.status !== 'Approved') {
    return t('tasks.done.approvePartial', { name, count: fresh.approvals, required: fresh.approvalsRequired });
  }
  return t(`tasks.done.${decision}`, { name });
}

/** The refusal in one sentence; times the backend gives as ISO strings are shown in the person's zone. */
function errorText(err: unknown): { text: string; stale: boolean } | null {
  if (!err) return null;
  if (!(err instanceof ApiError)) return { text: t('tasks.error.failed', { detail: String(err) }), stale: false };
  const detail = (err.problem.detail ?? err.problem.title).replace(ISO_TIME, (iso) => formatDateTime(iso));
  if (err.status === 412) return { text: t('tasks.error.stale'), stale: true };
  if (err.problem.type === SEPARATION_OF_DUTIES) return { text: t('tasks.error.separation', { detail }), stale: false };
  if (err.status === 409) return { text: t('tasks.error.decided', { detail }), stale: false };
  return { text: t('tasks.error.failed', { detail }), stale: false };
}

/**
 * Confirms a decision on a task: says what will happen, asks for the reason of a rejection, and keeps
 * what was chosen when the backend refuses (a stale version offers a reload; a task decided meanwhile
 * says by whom and when).
 */
export function DecisionDialog({
  task,
  decision,
  onClose,
  onDecided,
}: {
  task: TaskDetail;
  decision: TaskDecisionKind;
  onClose: () => void;
  /** Called with the fresh task after the decision was taken (the dialog is closed by then). */
  onDecided: (fresh: TaskDetail) => void;
}) {
  const qc = useQueryClient();
  const reason = useReason(t('tasks.reasonRequired'));
  const effectsId = useId();
  const needsReason = decision === 'reject';

  const mutation = useMutation({
    mutationFn: () => decideTask(task.id, decision, task.version, needsReason ? reason.value : undefined),
    onSuccess: (fresh) => {
      qc.setQueryData(taskKeys.detail(task.id), fresh);
      if (!inQueue(fresh.status)) {
        // Out of the queue at once, so it is not shown (and opened) again while the queue reloads.
        qc.setQueriesData<Collection<Task>>({ queryKey: [taskKeys.all[0], '/tasks'] }, (old) =>
          old?.items.some((x) => x.id === task.id)
            ? { ...old, items: old.items.filter((x) => x.id !== task.id), total: old.total - 1 }
            : old,
        );
      }
      // The queue, the count and this task; card and person states changed in Extended Search too.
      void qc.invalidateQueries({ queryKey: taskKeys.all });
      void qc.invalidateQueries({ queryKey: ['search'] });
      notify(doneText(fresh, decision));
      onClose();
      onDecided(fresh);
    },
    onError: (err) => {
      if (!(err instanceof ApiError)) return;
      // Decided or changed meanwhile: the page behind the dialog shows the task as it is now.
      if (err.status === 409 || err.status === 403) void qc.invalidateQueries({ queryKey: taskKeys.detail(task.id) });
      if (err.status === 422 && err.problem.errors?.reason) reason.setError(t('tasks.reasonRequired'));
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (needsReason && !reason.check()) return;
    reason.setError(null);
    mutation.mutate();
  };

  const error = errorText(mutation.error);
  const effects = effectsOf(task, decision);
  return (
    <Modal className="modal" isOpen isDismissable={!mutation.isPending} onOpenChange={(open) => !open && onClose()}>
      <Dialog className="dialog action-dialog" role="alertdialog" aria-describedby={effectsId}>
        <form onSubmit={submit} noValidate>
          <Heading slot="title">{t(`tasks.dialog.${decision}`)}</Heading>
          <h3>{t('tasks.whatHappens')}</h3>
          <ul className="effects" id={effectsId}>
            {effects.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
          {needsReason && <ReasonSelect {...reason.field} label={t('tasks.reason')} placeholder={t('tasks.chooseReason')} reasons={task.rejectReasons} />}
          <DialogProblem
            problem={error}
            reloadLabel={t('tasks.error.reload')}
            onReload={() => {
              mutation.reset();
              void qc.invalidateQueries({ queryKey: taskKeys.detail(task.id) });
            }}
          />
          <DialogActions confirmLabel={t(`tasks.confirm.${decision}`)} workingLabel={t('tasks.working')} danger={decision === 'reject'} pending={mutation.isPending} onCancel={onClose} />
        </form>
      </Dialog>
    </Modal>
  );
}
