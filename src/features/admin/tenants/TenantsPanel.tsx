import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { Button, Dialog, Form, Heading, Modal } from 'react-aria-components';
import { can } from '../../../access/model';
import { useSession } from '../../../access/session';
import { ApiError, apiFetch } from '../../../api/client';
import { collectionQuery } from '../../../api/collection';
import type { Tenant, TenantInput } from '../../../api/types';
import { formatDate, t } from '../../../i18n';
import { notify } from '../../../ui/toast';
import { DialogActions } from '../../../ui/DialogParts';
import { problemFieldErrors, TextInput } from '../../../ui/form';
import { QueryState } from '../../../ui/QueryState';
import './tenants.css';

// The same limits as the backend's; it checks them again and answers 422 per field.
const NAME_MIN = 2;
const NAME_MAX = 60;
const DESCRIPTION_MAX = 500;
const LOGO_MAX_BYTES = 100 * 1024;
const LOGO_TYPES = ['image/png', 'image/jpeg', 'image/svg+xml'];

const tenantsQuery = () => collectionQuery<Tenant>('admin-tenants', '/admin/tenants', { pageSize: 200 });

/** The Admin view's Tenants: every tenant, and creating one for callers with `tenant:create`. */
export function TenantsPanel() {
  const { data: session } = useSession();
  const query = useQuery(tenantsQuery());
  const [creating, setCreating] = useState(false);
  const openButton = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const mayCreate = can(session, 'tenant:create');

  const close = () => {
    setCreating(false);
    // Back to the button that opened the dialog.
    requestAnimationFrame(() => openButton.current?.focus());
  };

  return (
    <section className="tenants-panel" aria-labelledby={titleId}>
      <div className="tenants-bar">
        <h2 id={titleId}>{t('tenants.title')}</h2>
        {mayCreate && (
          <Button ref={openButton} className="button primary" onPress={() => setCreating(true)}>
            {t('tenants.create.open')}
          </Button>
        )}
      </div>
      <p>{t('tenants.intro')}</p>
      <QueryState query={query}>
        {(data) =>
          data.items.length === 0 ? (
            <p>{t('tenants.empty')}</p>
          ) : (
            <table className="tenants-table" aria-label={t('tenants.table.label')}>
              <thead>
                <tr>
                  <th scope="col">{t('tenants.col.logo')}</th>
                  <th scope="col">{t('tenants.col.name')}</th>
                  <th scope="col">{t('tenants.col.description')}</th>
                  <th scope="col">{t('tenants.col.created')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((x) => (
                  <tr key={x.id}>
                    <td>
                      {x.logo ? (
                        <img src={x.logo} alt={t('tenants.logoOf', { name: x.name })} width={32} height={32} />
                      ) : (
                        <span className="tenant-no-logo" role="img" aria-label={t('tenants.noLogo')} />
                      )}
                    </td>
                    <th scope="row">{x.name}</th>
                    <td>{x.description}</td>
                    <td>{formatDate(x.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryState>
      {creating && <CreateTenantDialog onClose={close} />}
    </section>
  );
}

type Field = 'name' | 'description' | 'logo';

/** Checks what the backend checks, so most mistakes are said before anything is sent. */
function checkInput(name: string, description: string): Partial<Record<Field, string>> {
  const errors: Partial<Record<Field, string>> = {};
  const n = name.trim().replace(/\s+/g, ' ');
  if (!n) errors.name = t('tenants.error.nameRequired');
  else if (n.length < NAME_MIN || n.length > NAME_MAX) errors.name = t('tenants.error.nameLength');
  if (description.trim().length > DESCRIPTION_MAX) errors.description = t('tenants.error.descriptionLength', { count: description.trim().length });
  return errors;
}

function CreateTenantDialog({ onClose }: { onClose: () => void }) {
  const qc = useQueryClient();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [logo, setLogo] = useState<string | null>(null);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const fileInput = useRef<HTMLInputElement>(null);
  const nameInput = useRef<HTMLInputElement>(null);
  const ids = {
    logo: useId(), logoHint: useId(), logoErr: useId(),
  };

  const mutation = useMutation({
    mutationFn: (input: TenantInput) => apiFetch<Tenant>('/admin/tenants', { method: 'POST', body: input }),
    onSuccess: (created) => {
      void qc.invalidateQueries({ queryKey: ['admin-tenants'] });
      // The sign-in picker lists the new tenant too.
      void qc.invalidateQueries({ queryKey: ['tenants'] });
      notify(t('tenants.create.done', { name: created.name }));
      onClose();
    },
    onError: (err) => {
      // The backend's messages per field; what was typed stays in the form.
      const found = problemFieldErrors(err);
      if (Object.keys(found).length) {
        setErrors(found);
        if (found.name) nameInput.current?.focus();
      }
    },
  });

  const onFile = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    setErrors(({ logo: _drop, ...rest }) => rest);
    if (!file) return;
    const reject = (message: string) => {
      setLogo(null);
      setErrors((prev) => ({ ...prev, logo: message }));
      if (fileInput.current) fileInput.current.value = '';
    };
    if (!LOGO_TYPES.includes(file.type)) return reject(t('tenants.error.logoType'));
    if (file.size > LOGO_MAX_BYTES) return reject(t('tenants.error.logoSize', { size: Math.ceil(file.size / 1024) }));
    const reader = new FileReader();
    reader.onload = () => setLogo(typeof reader.result === 'string' ? reader.result : null);
    reader.onerror = () => reject(t('tenants.error.logoRead'));
    reader.readAsDataURL(file);
  };

  const removeLogo = () => {
    setLogo(null);
    if (fileInput.current) fileInput.current.value = '';
    fileInput.current?.focus();
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = checkInput(name, description);
    if (errors.logo) found.logo = errors.logo;
    setErrors(found);
    if (Object.keys(found).length) {
      if (found.name) nameInput.current?.focus();
      return;
    }
    mutation.mutate({ name: name.trim(), description: description.trim(), ...(logo ? { logo } : {}) });
  };

  const err = mutation.error;
  let formError: string | null = null;
  if (err instanceof ApiError) {
    if (err.status === 422) formError = t('tenants.create.fixErrors');
    else if (err.status === 403) formError = t('tenants.create.forbidden', { permission: err.problem.missingPermission ?? 'tenant:create' });
    else formError = t('tenants.create.failed', { detail: err.problem.detail ?? err.problem.title });
  } else if (err) formError = t('tenants.create.failed', { detail: String(err) });

  // The text fields show theirs through the Form; the logo, a file, shows its own below.
  const { logo: _logo, ...fieldErrors } = errors;
  const describedBy = (hint: string, error: string, has: boolean) => [hint, has ? error : ''].filter(Boolean).join(' ');

  return (
    <Modal className="modal" isOpen isDismissable={!mutation.isPending} onOpenChange={(open) => !open && !mutation.isPending && onClose()}>
      <Dialog className="dialog tenant-dialog">
        <Form className="tenant-form" onSubmit={submit} validationBehavior="aria" validationErrors={fieldErrors}>
          <Heading slot="title" level={2}>
            {t('tenants.create.title')}
          </Heading>
          <p>{t('tenants.create.intro')}</p>
          {formError && (
            <div className="form-error" role="alert">
              <p>{formError}</p>
            </div>
          )}
          <TextInput
            name="name"
            label={t('tenants.create.name')}
            hint={t('tenants.create.nameHint')}
            value={name}
            onChange={setName}
            inputRef={nameInput}
            autoComplete="off"
            // The dialog opens to type the name.
            autoFocus
          />
          <TextInput name="description" label={t('tenants.create.description')} hint={t('tenants.create.descriptionHint')} value={description} onChange={setDescription} multiline />
          <div className="field">
            <label htmlFor={ids.logo}>{t('tenants.create.logo')}</label>
            <input
              id={ids.logo}
              ref={fileInput}
              type="file"
              name="logo"
              accept={LOGO_TYPES.join(',')}
              onChange={onFile}
              aria-invalid={errors.logo ? true : undefined}
              aria-describedby={describedBy(ids.logoHint, ids.logoErr, !!errors.logo)}
            />
            <span id={ids.logoHint} className="field-hint">
              {t('tenants.create.logoHint')}
            </span>
            {errors.logo && (
              <span id={ids.logoErr} className="field-error">
                {errors.logo}
              </span>
            )}
            {logo && (
              <div className="tenant-logo-preview">
                <img src={logo} alt={t('tenants.create.logoPreview')} width={48} height={48} />
                <button type="button" className="button secondary" onClick={removeLogo}>
                  {t('tenants.create.removeLogo')}
                </button>
              </div>
            )}
          </div>
          <DialogActions
            confirmLabel={t('tenants.create.submit')}
            workingLabel={t('tenants.create.working')}
            pending={mutation.isPending}
            onCancel={onClose}
          />
        </Form>
      </Dialog>
    </Modal>
  );
}
