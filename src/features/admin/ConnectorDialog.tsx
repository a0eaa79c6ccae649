import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { Button, Dialog, Heading, Modal } from 'react-aria-components';
import { ApiError } from '../../api/client';
import type { Connector, ConnectorInput, ConnectorSettings, SettingValues } from '../../api/types';
import { t, tDynamic } from '../../i18n';
import { QueryState } from '../../ui/QueryState';
import { notify } from '../../ui/toast';
import { adminKeys, fetchConnector, problemText, saveConnector } from './api';

const DELIMITERS = [',', ';', '\t', '|'] as const;
const fieldLabel = (name: string) => tDynamic(`admin.connector.field.${name}`, name);
const fieldHint = (name: string) => tDynamic(`admin.connector.hint.${name}`, '');

type Values = Record<string, string | boolean>;

const toValues = (s: SettingValues): Values => Object.fromEntries(Object.entries(s).map(([k, v]) => [k, typeof v === 'number' ? String(v) : v]));

/** Numbers go back as numbers when they look like one; anything else is sent as typed, for the backend to explain. */
function toSettings(values: Values, base: SettingValues): ConnectorSettings {
  // The type's fields as the form has them; the backend checks them against the type.
  return Object.fromEntries(
    Object.entries(values).map(([k, v]) => [k, typeof base[k] === 'number' && typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : v]),
  ) as ConnectorSettings;
}

/** Loads a connector and edits it in a dialog. */
export function ConnectorDialog({ id, onClose }: { id: string; onClose: () => void }) {
  const query = useQuery({ queryKey: adminKeys.connector(id), queryFn: () => fetchConnector(id), staleTime: 0 });
  return (
    <Modal className="modal" isOpen isDismissable onOpenChange={(open) => !open && onClose()}>
      <Dialog className="dialog admin-dialog admin-connector-dialog">
        <Heading slot="title" level={2}>
          {query.data ? t('admin.connector.editTitle', { name: query.data.name }) : t('admin.connector.configure')}
        </Heading>
        <QueryState query={query}>{(c) => <ConnectorForm connector={c} onClose={onClose} />}</QueryState>
      </Dialog>
    </Modal>
  );
}

function ConnectorForm({ connector, onClose }: { connector: Connector; onClose: () => void }) {
  const qc = useQueryClient();
  const formId = useId();
  // The version the input is based on; after a conflict the person may take the newer one and keep the input.
  const [base, setBase] = useState(connector);
  const [enabled, setEnabled] = useState(connector.enabled);
  const [values, setValues] = useState<Values>(() => toValues(connector.settings));
  const [secrets, setSecrets] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});

  const save = useMutation({
    mutationFn: (body: ConnectorInput) => saveConnector(base.id, base.version, body),
    onSuccess: (fresh) => {
      qc.setQueryData(adminKeys.connector(fresh.id), fresh);
      void qc.invalidateQueries({ queryKey: adminKeys.connectors });
      notify(t('admin.connector.saved', { name: fresh.name }));
      onClose();
    },
    onError: (e) => {
      if (e instanceof ApiError && e.status === 422 && e.problem.errors) {
        setErrors(e.problem.errors);
        // Focus the first field to correct, once the messages are rendered.
        const first = Object.keys(e.problem.errors)[0];
        if (first) setTimeout(() => document.getElementById(`${formId}-${first}`)?.focus(), 0);
      } else setErrors({});
    },
  });
  const reload = useMutation({
    mutationFn: () => fetchConnector(base.id),
    onSuccess: (fresh) => {
      setBase(fresh);
      save.reset();
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const sent = Object.fromEntries(Object.entries(secrets).filter(([, v]) => v !== ''));
    save.mutate({ enabled, settings: toSettings(values, base.settings), ...(Object.keys(sent).length ? { secrets: sent } : {}) });
  };

  const fieldId = (key: string) => `${formId}-${key}`;
  const errorOf = (key: string) => errors[key];
  const described = (key: string, hint: string) =>
    [errorOf(key) ? `${fieldId(key)}-error` : '', hint ? `${fieldId(key)}-hint` : ''].filter(Boolean).join(' ') || undefined;
  const conflict = save.error instanceof ApiError && save.error.status === 412;
  const otherError = save.error && !(save.error instanceof ApiError && save.error.status === 422) ? problemText(save.error) : null;

  return (
    <form onSubmit={submit} noValidate className="admin-form">
      <div className="admin-check">
        <input id={fieldId('enabled')} type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} aria-invalid={!!errorOf('enabled')} />
        <label htmlFor={fieldId('enabled')}>{t('admin.connector.enabled')}</label>
      </div>
      {Object.keys(base.settings).map((name) => {
        const key = `settings.${name}`;
        const value = values[name];
        const hint = fieldHint(name);
        const error = errorOf(key);
        const common = { id: fieldId(key), 'aria-invalid': !!error, 'aria-describedby': described(key, hint) };
        if (typeof value === 'boolean') {
          return (
            <div className="admin-check" key={name}>
              <input {...common} type="checkbox" checked={value} onChange={(e) => setValues({ ...values, [name]: e.target.checked })} />
              <label htmlFor={common.id}>{fieldLabel(name)}</label>
              {error && <span id={`${common.id}-error`} className="field-error">{error}</span>}
            </div>
          );
        }
        return (
          <div className="field" key={name}>
            <label htmlFor={common.id}>{fieldLabel(name)}</label>
            {name === 'caCertificate' ? (
              <textarea {...common} rows={5} value={String(value ?? '')} onChange={(e) => setValues({ ...values, [name]: e.target.value })} />
            ) : name === 'delimiter' ? (
              <select {...common} value={String(value ?? '')} onChange={(e) => setValues({ ...values, [name]: e.target.value })}>
                {DELIMITERS.map((d) => (
                  <option key={d} value={d}>
                    {tDynamic(`admin.connector.delimiter.${d === '\t' ? 'tab' : d}`, d)}
                  </option>
                ))}
              </select>
            ) : (
              <input
                {...common}
                type="text"
                inputMode={typeof (base.settings as SettingValues)[name] === 'number' ? 'numeric' : undefined}
                value={String(value ?? '')}
                onChange={(e) => setValues({ ...values, [name]: e.target.value })}
              />
            )}
            {hint && <span id={`${common.id}-hint`} className="muted admin-hint">{hint}</span>}
            {error && <span id={`${common.id}-error`} className="field-error">{error}</span>}
          </div>
        );
      })}
      {Object.keys(base.secretsSet).map((name) => {
        const key = `secrets.${name}`;
        const error = errorOf(key);
        const id = fieldId(key);
        return (
          <div className="field" key={name}>
            <label htmlFor={id}>{fieldLabel(name)}</label>
            <input
              id={id}
              type="password"
              autoComplete="new-password"
              value={secrets[name] ?? ''}
              onChange={(e) => setSecrets({ ...secrets, [name]: e.target.value })}
              aria-invalid={!!error}
              aria-describedby={[`${id}-hint`, error ? `${id}-error` : ''].filter(Boolean).join(' ')}
            />
            <span id={`${id}-hint`} className="muted admin-hint">
              {base.secretsSet[name] ? t('admin.connector.secretKeep') : t('admin.connector.secretUnset')}
            </span>
            {error && <span id={`${id}-error`} className="field-error">{error}</span>}
          </div>
        );
      })}
      {Object.keys(errors).length > 0 && (
        <p className="form-error" role="alert">
          {t('admin.connector.invalid', { count: Object.keys(errors).length })}
        </p>
      )}
      {otherError && (
        <div className="form-error" role="alert">
          <p>{conflict ? t('admin.connector.conflict') : otherError}</p>
          {conflict && (
            <Button className="button secondary" onPress={() => reload.mutate()} isPending={reload.isPending}>
              {t('admin.connector.takeLatest')}
            </Button>
          )}
        </div>
      )}
      <div className="dialog-actions">
        <Button className="button secondary" onPress={onClose} isDisabled={save.isPending}>
          {t('admin.confirm.back')}
        </Button>
        <Button type="submit" className="button primary" isPending={save.isPending}>
          {save.isPending ? t('admin.working') : t('admin.connector.save')}
        </Button>
      </div>
    </form>
  );
}
