import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { ComboBox, Dialog, Heading, Input, Label, ListBox, ListBoxItem, Modal, Popover } from 'react-aria-components';
import { can } from '../../access/model';
import { useSession } from '../../access/session';
import { ApiError } from '../../api/client';
import type { DigitalIdPerson, Server, ServerStatus } from '../../api/types';
import { formatDateTime, t } from '../../i18n';
import { QueryState } from '../../ui/QueryState';
import { SimpleTable } from '../../ui/SimpleTable';
import { StatusBadge } from '../../ui/StatusBadge';
import { DialogProblem, reasonLabel } from '../../ui/DialogParts';
import { notify } from '../../ui/toast';
import { useUrlParams } from '../../ui/useUrlParams';
import { ListHead } from './ListHead';
import { AREA, PAGE_SIZE, personsQuery, registerServer, serversQuery } from './api';
import { problemText } from './ConfirmDialog';
import { RequestCertificateDialog } from './RequestCertificateDialog';

const STATUSES: ServerStatus[] = ['Pending approval', 'Approved', 'Rejected'];

/** A list of text inputs (SAN DNS names, SAN IPs) with add and remove; errors per entry (`sanDns[1]`). */
function ListField({ name, label, hint, values, onChange, errors }: { name: string; label: string; hint: string; values: string[]; onChange: (v: string[]) => void; errors: Record<string, string> }) {
  const base = useId();
  return (
    <fieldset className="did-list-field">
      <legend>{label}</legend>
      <p className="did-sub" id={`${base}-hint`}>
        {hint}
      </p>
      {values.map((v, i) => {
        const err = errors[`${name}[${i}]`];
        const id = `${base}-${i}`;
        return (
          <div className="did-list-row" key={i}>
            <label htmlFor={id} className="visually-hidden">
              {t('digitalId.listEntry', { label, n: i + 1 })}
            </label>
            <input
              id={id}
              value={v}
              onChange={(e) => onChange(values.map((x, k) => (k === i ? e.target.value : x)))}
              aria-invalid={err ? true : undefined}
              aria-describedby={err ? `${id}-err` : `${base}-hint`}
            />
            <button type="button" className="button secondary" aria-label={t('digitalId.removeEntry', { label, n: i + 1 })} onClick={() => onChange(values.filter((_, k) => k !== i))}>
              {t('digitalId.remove')}
            </button>
            {err && (
              <span id={`${id}-err`} className="field-error did-list-error">
                {err}
              </span>
            )}
          </div>
        );
      })}
      <button type="button" className="button secondary" onClick={() => onChange([...values, ''])}>
        {t('digitalId.addEntry', { label })}
      </button>
    </fieldset>
  );
}

/** Picks one responsible person by searching the tenant's active persons. */
function PersonPicker({ label, value, onChange, error }: { label: string; value: DigitalIdPerson | null; onChange: (p: DigitalIdPerson | null) => void; error?: string }) {
  const [text, setText] = useState(value?.displayName ?? '');
  const query = useQuery({ ...personsQuery(text.trim()), enabled: text.trim().length >= 2 && text !== value?.displayName });
  const items = query.data?.items ?? (value ? [value] : []);
  const errId = useId();
  return (
    <ComboBox
      className="field"
      inputValue={text}
      onInputChange={(v) => {
        setText(v);
        if (v !== value?.displayName) onChange(null);
      }}
      selectedKey={value?.id ?? null}
      onSelectionChange={(key) => {
        const p = items.find((x) => x.id === key) ?? null;
        onChange(p);
        if (p) setText(p.displayName);
      }}
      items={items}
      allowsEmptyCollection
      isInvalid={!!error}
    >
      <Label>{label}</Label>
      <Input placeholder={t('digitalId.personPlaceholder')} aria-describedby={error ? errId : undefined} />
      <Popover className="popover">
        <ListBox className="listbox" renderEmptyState={() => <span className="did-sub">{text.trim().length < 2 ? t('digitalId.typeTwo') : t('digitalId.noPersons')}</span>}>
          {(p: DigitalIdPerson) => (
            <ListBoxItem id={p.id} textValue={p.displayName} className="listbox-item">
              {p.displayName} · {p.personalId} · {p.orgUnit}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
      {error && (
        <span id={errId} className="field-error">
          {error}
        </span>
      )}
    </ComboBox>
  );
}

/** Register server: common name, SAN lists, location and one or two responsibles; errors per field, input kept. */
function RegisterServerDialog({ onClose }: { onClose: () => void }) {
  const qc = useQueryClient();
  const [commonName, setCommonName] = useState('');
  const [sanDns, setSanDns] = useState<string[]>([]);
  const [sanIps, setSanIps] = useState<string[]>([]);
  const [location, setLocation] = useState('');
  const [first, setFirst] = useState<DigitalIdPerson | null>(null);
  const [second, setSecond] = useState<DigitalIdPerson | null>(null);
  const ids = { cn: useId(), loc: useId() };
  const mutation = useMutation({
    mutationFn: () =>
      registerServer({
        commonName: commonName.trim(),
        sanDns: sanDns.map((s) => s.trim()).filter(Boolean),
        sanIps: sanIps.map((s) => s.trim()).filter(Boolean),
        location: location.trim(),
        responsibles: [first?.id, second?.id].filter((x): x is string => !!x),
      }),
    onSuccess: (server) => {
      void qc.invalidateQueries({ queryKey: [AREA] });
      notify(t('digitalId.server.registered', { name: server.commonName }));
      onClose();
    },
  });
  const errors = mutation.error instanceof ApiError && mutation.error.status === 422 ? (mutation.error.problem.errors ?? {}) : {};
  // Blank entries are left out of the request, so the backend's indexes count only the filled ones.
  const indexed = (name: string, list: string[]) => {
    const out: Record<string, string> = {};
    let k = 0;
    list.forEach((v, i) => {
      if (!v.trim()) return;
      const e = errors[`${name}[${k}]`];
      if (e) out[`${name}[${i}]`] = e;
      k += 1;
    });
    return out;
  };
  const responsibleError = errors.responsibles ?? errors['responsibles[0]'];
  const submit = (e: FormEvent) => {
    e.preventDefault();
    mutation.mutate();
  };
  const general = mutation.error && !(mutation.error instanceof ApiError && mutation.error.status === 422) ? problemText(mutation.error) : null;
  return (
    <Modal className="modal" isOpen isDismissable={!mutation.isPending} onOpenChange={(open) => !open && onClose()}>
      <Dialog className="dialog did-form-dialog">
        <form onSubmit={submit} noValidate className="did-form">
          <Heading slot="title">{t('digitalId.server.register')}</Heading>
          <p className="did-hint">{t('digitalId.server.registerIntro')}</p>
          {Object.keys(errors).length > 0 && (
            <p className="form-error" role="alert">
              {t('digitalId.fixFields')}
            </p>
          )}
          <div className="field">
            <label htmlFor={ids.cn}>{t('digitalId.server.commonName')}</label>
            <input id={ids.cn} value={commonName} onChange={(e) => setCommonName(e.target.value)} placeholder="portal.nordvik.example" aria-invalid={errors.commonName ? true : undefined} aria-describedby={errors.commonName ? `${ids.cn}-err` : undefined} />
            {errors.commonName && (
              <span id={`${ids.cn}-err`} className="field-error">
                {errors.commonName}
              </span>
            )}
          </div>
          <ListField name="sanDns" label={t('digitalId.server.sanDns')} hint={t('digitalId.server.sanDnsHint')} values={sanDns} onChange={setSanDns} errors={indexed('sanDns', sanDns)} />
          <ListField name="sanIps" label={t('digitalId.server.sanIps')} hint={t('digitalId.server.sanIpsHint')} values={sanIps} onChange={setSanIps} errors={indexed('sanIps', sanIps)} />
          <div className="field">
            <label htmlFor={ids.loc}>{t('digitalId.server.location')}</label>
            <input id={ids.loc} value={location} onChange={(e) => setLocation(e.target.value)} aria-invalid={errors.location ? true : undefined} aria-describedby={errors.location ? `${ids.loc}-err` : undefined} />
            {errors.location && (
              <span id={`${ids.loc}-err`} className="field-error">
                {errors.location}
              </span>
            )}
          </div>
          <PersonPicker label={t('digitalId.server.responsible1')} value={first} onChange={setFirst} error={responsibleError} />
          <PersonPicker label={t('digitalId.server.responsible2')} value={second} onChange={setSecond} error={errors['responsibles[1]']} />
          <DialogProblem problem={general} />
          <div className="dialog-actions">
            <button type="button" className="button secondary" onClick={onClose} disabled={mutation.isPending}>
              {t('digitalId.cancel')}
            </button>
            <button type="submit" className="button primary" disabled={mutation.isPending}>
              {mutation.isPending ? t('digitalId.working') : t('digitalId.server.registerSubmit')}
            </button>
          </div>
        </form>
      </Dialog>
    </Modal>
  );
}

/** Servers: the list for every server role; Register server for the Server administrator. */
export function ServersTab() {
  const { data: session } = useSession();
  const { values, page, setPage, setFilters } = useUrlParams(['q', 'status']);
  const query = useQuery(serversQuery(values.q, values.status, page));
  const [registering, setRegistering] = useState(false);
  const [requestFor, setRequestFor] = useState<Server | null>(null);
  return (
    <section aria-labelledby="did-servers-heading">
      <ListHead
        headingId="did-servers-heading"
        title={t('digitalId.tab.servers')}
        action={can(session, 'server:register') ? { label: t('digitalId.server.register'), onPress: () => setRegistering(true) } : null}
        values={values}
        queryLabel={t('digitalId.server.search')}
        statuses={STATUSES}
        onSubmit={setFilters}
      />
      <QueryState query={query}>
        {(data) => (
          <SimpleTable
            className="did-table"
            caption={t('digitalId.tab.servers')}
            columns={[
              t('digitalId.server.commonName'),
              t('digitalId.server.names'),
              t('digitalId.server.location'),
              t('digitalId.server.responsibles'),
              t('digitalId.status'),
              t('digitalId.requestedBy'),
              t('digitalId.col.actions'),
            ]}
            empty={t('digitalId.noServers')}
            emptyInTable
            paging={{ total: data.total, page: data.page, pageSize: PAGE_SIZE, onPage: setPage }}
            rows={data.items.map((s) => (
              <tr key={s.id}>
                <th scope="row">{s.commonName}</th>
                <td>{[...s.sanDns, ...s.sanIps].join(', ') || '–'}</td>
                <td>{s.location}</td>
                <td>{s.responsibles.map((r) => r.displayName).join(', ')}</td>
                <td>
                  <StatusBadge status={s.status} />
                  {s.rejectReason && <span className="did-sub">{reasonLabel(s.rejectReason)}</span>}
                </td>
                <td>
                  {s.requestedBy.displayName}
                  <span className="did-sub">{formatDateTime(s.createdAt)}</span>
                </td>
                <td className="did-actions">
                  {s.allowedActions.includes('request-certificate') ? (
                    <button type="button" className="button secondary" aria-label={t('digitalId.cert.requestFor', { name: s.commonName })} onClick={() => setRequestFor(s)}>
                      {t('digitalId.cert.request')}
                    </button>
                  ) : (
                    <span className="did-sub">{t('digitalId.noActions')}</span>
                  )}
                </td>
              </tr>
            ))}
          />
        )}
      </QueryState>
      {registering && <RegisterServerDialog onClose={() => setRegistering(false)} />}
      {requestFor && <RequestCertificateDialog server={requestFor} onClose={() => setRequestFor(null)} />}
    </section>
  );
}
