import { ROLES } from '../../access/model';
import { t } from '../../i18n';
import type { Roles } from './newOrder';

/** The roles an Edit roles order adds and removes (only roles that can be given to a person). */
export function RolesPicker({ roles, onChange }: { roles: Roles; onChange: (r: Roles) => void }) {
  const assignable = ROLES.filter((r) => r.assignableToPerson);
  const toggle = (list: 'add' | 'remove', id: string, on: boolean) => {
    const other = list === 'add' ? 'remove' : 'add';
    onChange({
      ...roles,
      [list]: on ? [...roles[list], id] : roles[list].filter((x) => x !== id),
      // A role is either added or removed, never both.
      [other]: on ? roles[other].filter((x) => x !== id) : roles[other],
    } as Roles);
  };
  return (
    <div className="bo-roles">
      {(['add', 'remove'] as const).map((list) => (
        <fieldset key={list}>
          <legend>{t(list === 'add' ? 'batch.roles.add' : 'batch.roles.remove')}</legend>
          {assignable.map((r) => {
            const id = `bo-role-${list}-${r.id}`;
            return (
              <div key={r.id} className="bo-role">
                <input type="checkbox" id={id} checked={roles[list].includes(r.id)} onChange={(e) => toggle(list, r.id, e.target.checked)} />
                <label htmlFor={id}>{r.name}</label>
              </div>
            );
          })}
        </fieldset>
      ))}
    </div>
  );
}
