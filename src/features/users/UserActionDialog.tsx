import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { Button, Dialog, Heading, Label, ListBox, ListBoxItem, Modal, Popover, Select, SelectValue } from 'react-aria-components';
import { DEFAULT_ROLES, effectivePermissions, effectiveRights, findRole, rightsOfRole } from '../../access/model';
import { sessionKey, useSession } from '../../access/session';
import { ApiError } from '../../api/client';
import type { UserAction, UserDetail } from '../../api/types';
import { t } from '../../i18n';
import { DialogActions, DialogProblem } from '../../ui/DialogParts';
import { rightsText } from '../../ui/labels';
import { notify } from '../../ui/toast';
import { runUserAction, userKeys } from './userApi';

const roleName = (id: string) => findRole(id)?.name ?? id;

/** What a role grants, in words: its views and its actions. */
function grants(rights: readonly string[], permissions: readonly string[]): string {
  const parts = [rights.length ? t('users.effect.rights', { rights: rightsText(rights) }) : t('users.effect.noViews')];
  if (permissions.length) parts.push(t('users.effect.permissions', { permissions: permissions.join(', ') }));
  return parts.join('; ');
}

function effectsOf(user: UserDetail, action: UserAction, role: string | null): string[] {
  const name = user.displayName;
  switch (action) {
    case 'assign-role': {
      const def = role ? findRole(role) : undefined;
      if (!def) return [t('users.effect.assignChoose')];
      return [t('users.effect.assign', { name, role: def.name, rights: grants(rightsOfRole(def), def.permissions) }), t('users.effect.atOnce')];
    }
    case 'de-assign-role': {
      if (!role) return [];
      const held = user.roles.map((r) => r.id);
      const rest = held.filter((r) => r !== role);
      // What only this role gives: the rest of the roles may grant some of it too.
      const lostRights = effectiveRights(held).filter((r) => !effectiveRights(rest).includes(r));
      const lostPerms = effectivePermissions(held).filter((p) => !effectivePermissions(rest).includes(p));
      return [t('users.effect.deassign', { name, role: roleName(role), rights: grants(lostRights, lostPerms) }), t('users.effect.atOnce')];
    }
    case 'reset-password':
      return [t('users.effect.reset', { email: user.email ?? user.username })];
    case 'deactivate':
      return [
        t('users.effect.deactivate', { name }),
        user.roles.length ? t('users.effect.rolesWithdrawn', { roles: user.roles.map((r) => r.name).join(', ') }) : t('users.effect.noRoles'),
      ];
    case 'reactivate':
      return [t('users.effect.reactivate', { name, roles: DEFAULT_ROLES.map(roleName).join(', ') })];
    default:
      return [t(`users.effect.${action}`, { name })];
  }
}

function errorText(err: unknown): { text: string; stale: boolean } | null {
  if (!err) return null;
  if (!(err instanceof ApiError)) return { text: t('users.error.failed', { detail: String(err) }), stale: false };
  const detail = err.problem.detail ?? err.problem.title;
  if (err.status === 412) return { text: t('users.error.stale'), stale: true };
  if (err.status === 409) return { text: t('users.error.conflict', { detail }), stale: false };
  return { text: t('users.error.failed', { detail }), stale: false };
}

/**
 * Confirms one action on an account: says what will happen (what a role grants or takes away, that it
 * takes effect at once), asks for the role to assign or an optional reason, and keeps the choice when
 * the backend refuses (a stale version offers a reload; a conflict says why).
 */
export function UserActionDialog({
  user,
  action,
  role: fixedRole,
  onClose,
  onDone,
}: {
  user: UserDetail;
  action: UserAction;
  /** The role to de-assign (chosen on the page). */
  role?: string;
  onClose: () => void;
  onDone: (fresh: UserDetail) => void;
}) {
  const qc = useQueryClient();
  const { data: session } = useSession();
  const [role, setRole] = useState<string | null>(fixedRole ?? null);
  const [roleError, setRoleError] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const ids = { effects: useId(), reason: useId(), roleErr: useId() };
  const name = user.displayName;

  const mutation = useMutation({
    mutationFn: () => runUserAction(user, action, action === 'deactivate' ? (reason.trim() ? { reason: reason.trim() } : {}) : role ? { role } : {}),
    onSuccess: ({ user: fresh, sentTo }) => {
      qc.setQueryData(userKeys.detail(user.id), fresh);
      void qc.invalidateQueries({ queryKey: userKeys.all });
      void qc.invalidateQueries({ queryKey: ['roles'] });
      // A change to one's own account changes one's own rights.
      if (session?.user.id === user.id) void qc.invalidateQueries({ queryKey: sessionKey });
      const roleLabel = role ? roleName(role) : '';
      notify(action === 'reset-password' ? t('users.done.reset-password', { email: sentTo ?? '' }) : t(`users.done.${action}`, { name, role: roleLabel }));
      onClose();
      onDone(fresh);
    },
    onError: (err) => {
      if (!(err instanceof ApiError)) return;
      if (err.status === 409) void qc.invalidateQueries({ queryKey: userKeys.detail(user.id) });
      if (err.status === 422 && err.problem.errors?.role) setRoleError(err.problem.errors.role);
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (action === 'assign-role' && !role) {
      setRoleError(t('users.roleRequired'));
      return;
    }
    setRoleError(null);
    mutation.mutate();
  };

  const error = errorText(mutation.error);
  const effects = effectsOf(user, action, role);
  const title = t(`users.dialog.${action}`, { name, role: role ? roleName(role) : '' });
  return (
    <Modal className="modal" isOpen isDismissable={!mutation.isPending} onOpenChange={(open) => !open && onClose()}>
      <Dialog className="dialog action-dialog users-dialog" role="alertdialog" aria-describedby={ids.effects}>
        <form onSubmit={submit} noValidate>
          <Heading slot="title">{title}</Heading>
          {action === 'assign-role' && (
            <Select
              className="field users-select"
              selectedKey={role}
              onSelectionChange={(key) => {
                setRole(key === null ? null : String(key));
                setRoleError(null);
              }}
              isInvalid={!!roleError}
              placeholder={t('users.chooseRole')}
              autoFocus
            >
              <Label>{t('users.roleToAssign')}</Label>
              <Button className="select-button" aria-describedby={roleError ? ids.roleErr : undefined}>
                <SelectValue />
                <span aria-hidden="true">▾</span>
              </Button>
              <Popover className="popover">
                <ListBox className="listbox" items={user.assignableRoles}>
                  {(r) => (
                    <ListBoxItem id={r.id} textValue={r.name} className="listbox-item">
                      {r.name} <span className="muted">({r.id})</span>
                    </ListBoxItem>
                  )}
                </ListBox>
              </Popover>
              {roleError && (
                <span id={ids.roleErr} className="field-error">
                  {roleError}
                </span>
              )}
            </Select>
          )}
          {action === 'assign-role' && user.withheldRoles.length > 0 && (
            <p className="muted users-withheld">
              {t('users.withheld', { roles: user.withheldRoles.map((r) => r.name).join(', ') })}
            </p>
          )}
          <h3>{t('users.whatHappens')}</h3>
          <ul className="effects" id={ids.effects} aria-live="polite">
            {effects.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
          {action === 'deactivate' && (
            <div className="field">
              <label htmlFor={ids.reason}>{t('users.reason')}</label>
              <textarea id={ids.reason} value={reason} maxLength={500} rows={2} onChange={(e) => setReason(e.target.value)} />
            </div>
          )}
          <DialogProblem
            problem={error}
            reloadLabel={t('users.error.reload')}
            onReload={() => {
              mutation.reset();
              void qc.invalidateQueries({ queryKey: userKeys.detail(user.id) });
            }}
          />
          <DialogActions
            confirmLabel={t(`users.confirm.${action}`)}
            workingLabel={t('users.working')}
            danger={action === 'deactivate' || action === 'de-assign-role'}
            pending={mutation.isPending}
            onCancel={onClose}
          />
        </form>
      </Dialog>
    </Modal>
  );
}
