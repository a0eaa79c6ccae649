import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router-dom';
import type { TaskDecision, TaskDecisionKind, TaskDetail } from '../../api/types';
import { formatDate, formatDateTime, t, tDynamic } from '../../i18n';
import { DataTable, type ColumnDef } from '../../ui/DataTable';
import { PageBreadcrumbs } from '../../ui/PageBreadcrumbs';
import { Facts, Panel, type Fact } from '../../ui/Panel';
import { QueryState } from '../../ui/QueryState';
import { StatusBadge, statusLabel } from '../../ui/StatusBadge';
import { reasonLabel } from '../../ui/DialogParts';
import { useFocusAfter } from '../../ui/useFocusAfter';
import { usePageTitle } from '../../ui/usePageTitle';
import { DecisionDialog } from './DecisionDialog';
import { DECISIONS, taskQuery } from './taskApi';
import { taskTypeLabel, type QueueState } from './taskUi';
import './tasks.css';

const titleOf = (task: TaskDetail) => t('tasks.pageTitle', { type: taskTypeLabel(task.type), name: task.subject.displayName });

type DecisionRow = TaskDecision & { id: string };
const decisionColumns: ColumnDef<DecisionRow>[] = [
  { id: 'at', header: 'tasks.col.when', cell: (d) => formatDateTime(d.at) },
  { id: 'who', header: 'tasks.col.who', cell: (d) => d.actor.displayName },
  { id: 'decision', header: 'tasks.col.decision', cell: (d) => tDynamic(`tasks.decision.${d.decision}`, d.decision) },
  { id: 'reason', header: 'tasks.col.reason', cell: (d) => (d.reason ? reasonLabel(d.reason) : '') },
];

/** A titled section (a named region) with label/value facts, or a sentence when there is nothing. */
function Section({ title, facts, none }: { title: string; facts: Fact[] | null; none?: string }) {
  return <Panel title={title}>{facts ? <Facts facts={facts} /> : <p className="muted">{none}</p>}</Panel>;
}

function TaskSections({ task }: { task: TaskDetail }) {
  const p = task.subjectPerson;
  const request: Fact[] = [
    [t('tasks.field.task'), taskTypeLabel(task.type)],
    [t('tasks.field.status'), <StatusBadge status={task.status} />],
    [t('tasks.field.requestedAt'), formatDateTime(task.createdAt)],
    [t('tasks.field.approvals'), t('tasks.approvals', { count: task.approvals, required: task.approvalsRequired })],
    [t('tasks.field.person'), p.displayName],
    [t('tasks.field.personalId'), p.personalId],
    [t('tasks.field.orgUnit'), p.orgUnit],
    [t('tasks.field.organization'), p.organization],
    [t('tasks.field.personType'), tDynamic(`type.${p.type}`, p.type)],
    [t('tasks.field.personStatus'), <StatusBadge status={p.status} />],
  ];
  if (task.request) request.push([t('tasks.field.requestStatus'), <StatusBadge status={task.request.status} />]);
  const card: Fact[] | null = task.card && [
    [t('tasks.field.cardNumber'), task.card.number],
    [t('tasks.field.cardType'), tDynamic(`type.${task.card.type}`, task.card.type)],
    [t('tasks.field.validTo'), formatDate(task.card.validTo)],
    [t('tasks.field.cardStatus'), <StatusBadge status={task.card.status} />],
  ];
  const requester: Fact[] | null = task.requester && [
    [t('tasks.field.requester'), task.requester.displayName],
    [t('tasks.field.email'), task.requester.email],
    [t('tasks.field.orgUnit'), task.requester.orgUnit],
  ];
  return (
    <div className="task-sections">
      <Section title={t('tasks.section.request')} facts={request} />
      {(task.card || task.type === 'card-approval') && <Section title={t('tasks.section.card')} facts={card} none={t('tasks.noCard')} />}
      <Section title={t('tasks.section.requester')} facts={requester} none={t('tasks.noRequester')} />
    </div>
  );
}

/** The decisions the backend allows now, or why there are none (separation of duties, decided). */
function DecisionPanel({ task, onDecide }: { task: TaskDetail; onDecide: (d: TaskDecisionKind) => void }) {
  const id = useId();
  const allowed = DECISIONS.filter((d) => task.allowedActions.includes(d));
  let sentence: string | null = null;
  if (task.blockedBecause) sentence = t(`tasks.blocked.${task.blockedBecause}`);
  else if (allowed.length === 0) {
    sentence = task.status === 'Open' || task.status === 'Postponed' ? t('tasks.noActions') : t('tasks.decided', { status: statusLabel(task.status) });
  }
  return (
    <aside className="action-panel" aria-labelledby={id}>
      <h2 id={id}>{t('tasks.yourDecision')}</h2>
      {sentence ? (
        <p className="task-blocked">{sentence}</p>
      ) : (
        <ul>
          {allowed.map((d) => (
            <li key={d}>
              <button type="button" className="button secondary action-button" onClick={() => onDecide(d)}>
                {t(`tasks.action.${d}`)}
              </button>
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}

/**
 * A task: exactly what is decided (request, card, requester), the decisions so far, and the decisions
 * the backend allows this person now. Approving goes back to the queue; rejecting and postponing stay
 * here and show the new state.
 */
export default function TaskPage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  const from = location.state as QueueState | null;
  const queueUrl = `/tasks${from?.queue ?? ''}`;
  const query = useQuery(taskQuery(id));
  const [open, setOpen] = useState<TaskDecisionKind | null>(null);
  const [decidedAt, setDecidedAt] = useState(0);
  // After a decision on this page the button pressed may be gone: focus goes to the task's heading.
  const heading = useFocusAfter<HTMLHeadingElement>(decidedAt);
  const title = query.data ? titleOf(query.data) : t('tasks.title');
  usePageTitle(title);

  const onDecided = (decision: TaskDecisionKind) => {
    if (decision === 'approve') navigate(queueUrl, { state: { decided: true } satisfies QueueState });
    else setDecidedAt((n) => n + 1);
  };

  return (
    <div className="object-page task-page">
      <PageBreadcrumbs label={t('tasks.breadcrumbs')} parent={{ to: queueUrl, text: t('tasks.title') }} current={title} />
      {!query.data && <h1>{t('tasks.title')}</h1>}
      <QueryState query={query}>
        {(task) => (
          <>
            <div className="object-layout">
              <div className="object-main">
                <header className="identity">
                  <h1 ref={heading} tabIndex={-1}>
                    {title}
                  </h1>
                  <StatusBadge status={task.status} />
                </header>
                <TaskSections task={task} />
                <section className="related">
                  <h2>{t('tasks.decisions')}</h2>
                  <DataTable
                    label={t('tasks.decisions')}
                    columns={decisionColumns}
                    rows={task.decisions.map((d, i) => ({ ...d, id: String(i) }))}
                    empty={t('tasks.noDecisions')}
                  />
                </section>
              </div>
              <DecisionPanel task={task} onDecide={setOpen} />
            </div>
            {open && (
              <DecisionDialog task={task} decision={open} onClose={() => setOpen(null)} onDecided={() => onDecided(open)} />
            )}
          </>
        )}
      </QueryState>
    </div>
  );
}
