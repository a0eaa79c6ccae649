import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type ChangeEvent, type FormEvent } from 'react';
import { Dialog, Heading, Modal } from 'react-aria-components';
import { ApiError } from '../../api/client';
import type { Server, ServerCertificateCreated, ServerCertificateFormat } from '../../api/types';
import { t } from '../../i18n';
import { notify } from '../../ui/toast';
import { approvedServersQuery, AREA, requestCertificate } from './api';
import { problemText } from './ConfirmDialog';

/**
 * Shows the PKCS#12 password once, with a copy button and a warning: the backend never answers it
 * again, so closing this dialog is the last chance to keep it.
 */
export function PasswordDialog({ password, server, onClose }: { password: string; server: string; onClose: () => void }) {
  const [copied, setCopied] = useState(false);
  const ids = { warn: useId(), pw: useId() };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(password);
      setCopied(true);
    } catch {
      // Without clipboard access the password stays visible to copy by hand.
      setCopied(false);
    }
  };
  return (
    <Modal className="modal" isOpen isDismissable={false}>
      <Dialog className="dialog" role="alertdialog" aria-describedby={ids.warn}>
        <Heading slot="title">{t('digitalId.p12.title')}</Heading>
        <p id={ids.warn} className="did-warning">
          {t('digitalId.p12.warning', { server })}
        </p>
        <p className="did-label" id={ids.pw}>
          {t('digitalId.p12.password')}
        </p>
        <output className="did-password" aria-labelledby={ids.pw}>
          {password}
        </output>
        <p role="status" className="did-sub">
          {copied ? t('digitalId.p12.copied') : ''}
        </p>
        <div className="dialog-actions">
          <button type="button" className="button secondary" onClick={() => void copy()}>
            {t('digitalId.p12.copy')}
          </button>
          <button type="button" className="button primary" onClick={onClose}>
            {t('digitalId.p12.done')}
          </button>
        </div>
      </Dialog>
    </Modal>
  );
}

/**
 * Request certificate: a PKCS#10 request (upload the CSR file or paste it; the file is read in the
 * browser) or a PKCS#12 file made for the server, whose password is shown once.
 */
export function RequestCertificateDialog({ server, onClose }: { server: Server | null; onClose: () => void }) {
  const qc = useQueryClient();
  const servers = useQuery({ ...approvedServersQuery(), enabled: !server });
  const [serverId, setServerId] = useState(server?.id ?? '');
  const [format, setFormat] = useState<ServerCertificateFormat>('pkcs10');
  const [csr, setCsr] = useState('');
  const [fileError, setFileError] = useState<string | null>(null);
  const [created, setCreated] = useState<ServerCertificateCreated | null>(null);
  const ids = { server: useId(), file: useId(), csr: useId(), csrErr: useId(), serverErr: useId(), format: useId() };
  const chosen = server ?? servers.data?.items.find((s) => s.id === serverId) ?? null;
  const mutation = useMutation({
    mutationFn: () => requestCertificate(format === 'pkcs10' ? { serverId, format, csr } : { serverId, format }),
    onSuccess: (result) => {
      void qc.invalidateQueries({ queryKey: [AREA] });
      notify(t('digitalId.cert.requested', { name: result.certificate.commonName }));
      if (result.p12Password) setCreated(result);
      else onClose();
    },
  });
  const errors = mutation.error instanceof ApiError && mutation.error.status === 422 ? (mutation.error.problem.errors ?? {}) : {};
  const general = mutation.error && !Object.keys(errors).length ? problemText(mutation.error) : null;
  const readFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    setFileError(null);
    if (!file) return;
    if (file.size > 64 * 1024) {
      setFileError(t('digitalId.cert.fileTooBig'));
      return;
    }
    setCsr(await file.text());
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    mutation.mutate();
  };
  if (created) return <PasswordDialog password={created.p12Password!} server={created.certificate.commonName} onClose={onClose} />;
  const csrError = errors.csr;
  return (
    <Modal className="modal" isOpen isDismissable={!mutation.isPending} onOpenChange={(open) => !open && onClose()}>
      <Dialog className="dialog did-form-dialog">
        <form onSubmit={submit} noValidate className="did-form">
          <Heading slot="title">{chosen ? t('digitalId.cert.requestFor', { name: chosen.commonName }) : t('digitalId.cert.request')}</Heading>
          {!server && (
            <div className="field">
              <label htmlFor={ids.server}>{t('digitalId.cert.server')}</label>
              <select id={ids.server} value={serverId} onChange={(e) => setServerId(e.target.value)} aria-invalid={errors.serverId ? true : undefined} aria-describedby={errors.serverId ? ids.serverErr : undefined}>
                <option value="">{t('digitalId.cert.chooseServer')}</option>
                {servers.data?.items.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.commonName}
                  </option>
                ))}
              </select>
              {errors.serverId && (
                <span id={ids.serverErr} className="field-error">
                  {errors.serverId}
                </span>
              )}
            </div>
          )}
          {chosen && (
            <p className="did-sub">
              {t('digitalId.cert.serverNames', { names: [chosen.commonName, ...chosen.sanDns, ...chosen.sanIps].join(', ') })}
            </p>
          )}
          <fieldset className="did-radio">
            <legend>{t('digitalId.cert.format')}</legend>
            <label>
              <input type="radio" name={ids.format} value="pkcs10" checked={format === 'pkcs10'} onChange={() => setFormat('pkcs10')} /> {t('digitalId.cert.pkcs10')}
            </label>
            <label>
              <input type="radio" name={ids.format} value="pkcs12" checked={format === 'pkcs12'} onChange={() => setFormat('pkcs12')} /> {t('digitalId.cert.pkcs12')}
            </label>
          </fieldset>
          {format === 'pkcs10' ? (
            <>
              <div className="field">
                <label htmlFor={ids.file}>{t('digitalId.cert.file')}</label>
                <input id={ids.file} type="file" accept=".csr,.pem,.req,.txt,application/pkcs10" onChange={(e) => void readFile(e)} />
                {fileError && <span className="field-error">{fileError}</span>}
              </div>
              <div className="field">
                <label htmlFor={ids.csr}>{t('digitalId.cert.csr')}</label>
                <textarea
                  id={ids.csr}
                  className="did-csr"
                  rows={8}
                  value={csr}
                  onChange={(e) => setCsr(e.target.value)}
                  placeholder="-----BEGIN CERTIFICATE REQUEST-----"
                  spellCheck={false}
                  aria-invalid={csrError ? true : undefined}
                  aria-describedby={csrError ? ids.csrErr : undefined}
                />
                {csrError && (
                  <span id={ids.csrErr} className="field-error" role="alert">
                    {csrError}
                  </span>
                )}
              </div>
            </>
          ) : (
            <p className="did-hint">{t('digitalId.cert.pkcs12Hint')}</p>
          )}
          {errors.format && <p className="field-error">{errors.format}</p>}
          {general && (
            <div className="form-error" role="alert">
              <p>{general.text}</p>
            </div>
          )}
          <div className="dialog-actions">
            <button type="button" className="button secondary" onClick={onClose} disabled={mutation.isPending}>
              {t('digitalId.cancel')}
            </button>
            <button type="submit" className="button primary" disabled={mutation.isPending}>
              {mutation.isPending ? t('digitalId.working') : t('digitalId.cert.submit')}
            </button>
          </div>
        </form>
      </Dialog>
    </Modal>
  );
}
