import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Button, Dialog, Heading, Modal } from 'react-aria-components';
import { ApiError } from '../../api/client';
import { t, type MessageKey } from '../../i18n';
import { reasonLabel } from '../../ui/DialogParts';
import { isStepUp } from './selfServiceApi';

export interface FieldDef {
  name: string;
  label: MessageKey;
  hint?: MessageKey;
  kind: 'password' | 'pin' | 'text' | 'select';
  /** Secret values (passwords, PINs) are cleared after every submit and live only in this dialog's state. */
  secret?: boolean;
  options?: readonly string[];
  autoComplete?: string;
  /** A confirmation in the form only: must equal the named field and is never sent. */
  sameAs?: string;
}

export interface FormDialogProps {
  title: string;
  intro?: ReactNode;
  /** "What will happen", when the action has effects worth naming (null: no such list). */
  effects?: string[] | null;
  fields: FieldDef[];
  confirmLabel: string;
  danger?: boolean;
  /** Sends the form; may answer something to show before closing (the offline unblock response). */
  onSubmit: (values: Record<string, string>) => Promise<ReactNode | void>;
  /** `done` is true after success (the button that opened the dialog may be gone by then). */
  onClose: (done: boolean) => void;
  /** Offered when the object changed meanwhile (412): reloads it, keeping the input. */
  onReload?: () => void;
}

type Failure = { text: string; stale?: boolean };

/**
 * After a dialog closed with a change: the focus goes to the first of these elements that is still on
 * the page (the button that opened the dialog, or a heading when that button is gone, e.g. a locked
 * card has no actions left). The page may show the changed data a few frames later and drop the
 * button then, so for a second a focus lost that way is placed again. A person who goes on meanwhile
 * (a quick Shift+Tab after React Aria gave the focus back) is not pulled back: a key or pointer press
 * ends it.
 */
export function focusFirstOf(...ids: string[]) {
  let movedOn = false;
  const mark = () => (movedOn = true);
  const events = ['keydown', 'pointerdown'] as const;
  events.forEach((e) => addEventListener(e, mark, { capture: true }));
  const until = performance.now() + 1000;
  let first = true;
  const step = () => {
    if (movedOn || performance.now() > until) {
      events.forEach((e) => removeEventListener(e, mark, { capture: true }));
      return;
    }
    const active = document.activeElement;
    const lost = !active || active === document.body || !active.isConnected;
    if (first || lost) {
      const target = ids.map((id) => document.getElementById(id)).find((el) => el !== null);
      if (target && target !== active) target.focus();
      first = false;
    }
    requestAnimationFrame(step);
  };
  // Two frames, so the page has usually drawn the changed data by then.
  requestAnimationFrame(() => requestAnimationFrame(step));
}

/** What went wrong, in one sentence, and the messages per field of a 422. */
function describe(err: unknown): { failure: Failure; fields: Record<string, string> } {
  if (isStepUp(err)) return { failure: { text: t('self.error.stepUp') }, fields: { currentPassword: t('self.error.stepUp') } };
  if (!(err instanceof ApiError)) return { failure: { text: t('self.error.failed', { detail: String(err) }) }, fields: {} };
  const detail = err.problem.detail ?? err.problem.title;
  if (err.status === 412) return { failure: { text: t('self.error.stale'), stale: true }, fields: {} };
  if (err.status === 429) {
    const minutes = Math.max(1, Math.ceil((err.problem.retryAfter ?? 60) / 60));
    return { failure: { text: t('self.error.tooMany', { minutes }) }, fields: {} };
  }
  if (err.status === 409) return { failure: { text: t('self.error.conflict', { detail }) }, fields: {} };
  if (err.status === 403 && err.problem.missingPermission) {
    return { failure: { text: t('self.error.forbidden', { permission: err.problem.missingPermission }) }, fields: {} };
  }
  if (err.status === 422 && err.problem.errors) return { failure: { text: t('self.error.fields') }, fields: err.problem.errors };
  return { failure: { text: t('self.error.failed', { detail }) }, fields: {} };
}

/**
 * A self-service change in a dialog: says what will happen, asks for what it needs (the current
 * password for sensitive changes), keeps what was typed when the backend refuses, except secrets,
 * which are cleared after every submit.
 */
export function FormDialog({ title, intro, effects, fields, confirmLabel, danger, onSubmit, onClose, onReload }: FormDialogProps) {
  const prefix = useId();
  const id = (name: string) => `${prefix}-${name}`;
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(fields.map((f) => [f.name, ''])));
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<Failure | null>(null);
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<ReactNode>(null);
  const alive = useRef(true);
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);
  useEffect(() => {
    if (result) resultHeading.current?.focus();
  }, [result]);

  const focusFirst = (errs: Record<string, string>) => {
    const first = fields.find((f) => errs[f.name]);
    if (first) document.getElementById(id(first.name))?.focus();
    else alertRef.current?.focus();
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (pending) return;
    const errs: Record<string, string> = {};
    for (const f of fields) {
      if (!values[f.name]) errs[f.name] = t('self.field.required');
      else if (f.sameAs && values[f.name] !== values[f.sameAs]) errs[f.name] = t('self.field.mismatch');
    }
    setFieldErrors(errs);
    if (Object.keys(errs).length) {
      // A confirmation that differs is typed again from scratch.
      setValues((v) => ({ ...v, ...Object.fromEntries(fields.filter((f) => f.sameAs && errs[f.name] && v[f.name]).map((f) => [f.name, ''])) }));
      setFailure(null);
      focusFirst(errs);
      return;
    }
    const sent = Object.fromEntries(fields.filter((f) => !f.sameAs).map((f) => [f.name, values[f.name]!]));
    // Secrets are cleared as soon as they are sent, whatever the answer.
    setValues((v) => Object.fromEntries(Object.entries(v).map(([k, val]) => [k, fields.find((f) => f.name === k)?.secret ? '' : val])));
    setPending(true);
    setFailure(null);
    try {
      const shown = await onSubmit(sent);
      if (!alive.current) return;
      if (shown) setResult(shown);
      else onClose(true);
    } catch (err) {
      if (!alive.current) return;
      const { failure: f, fields: fe } = describe(err);
      setFailure(f);
      setFieldErrors(fe);
      // After the alert is rendered, move to the first field to fix (or to the alert).
      requestAnimationFrame(() => focusFirst(fe));
    } finally {
      if (alive.current) setPending(false);
    }
  };

  return (
    <Modal className="modal" isOpen isDismissable={!pending} onOpenChange={(open) => !open && onClose(result !== null)}>
      <Dialog className="dialog action-dialog ss-dialog" role={danger ? 'alertdialog' : 'dialog'}>
        <Heading slot="title">{title}</Heading>
        {result ? (
          <div className="ss-result">
            <h3 ref={resultHeading} tabIndex={-1}>
              {t('self.response.title')}
            </h3>
            {result}
            <div className="dialog-actions">
              <Button className="button primary" onPress={() => onClose(true)}>
                {t('self.close')}
              </Button>
            </div>
          </div>
        ) : (
          <form onSubmit={(e) => void submit(e)} noValidate>
            {intro && <p className="ss-intro">{intro}</p>}
            {effects && (
              <>
                <h3>{t('self.whatHappens')}</h3>
                <ul className="effects">{effects.length ? effects.map((x) => <li key={x}>{x}</li>) : <li>{t('self.nothingElse')}</li>}</ul>
              </>
            )}
            {fields.map((f, index) => {
              const err = fieldErrors[f.name];
              const described = [f.hint ? id(`${f.name}-hint`) : null, err ? id(`${f.name}-err`) : null].filter(Boolean).join(' ') || undefined;
              const common = {
                id: id(f.name),
                name: f.name,
                value: values[f.name] ?? '',
                'aria-invalid': err ? true : undefined,
                'aria-describedby': described,
                // The first field takes the focus when the dialog opens.
                autoFocus: index === 0,
              } as const;
              const onChange = (value: string) => {
                setValues((v) => ({ ...v, [f.name]: value }));
                if (err) setFieldErrors(({ [f.name]: _dropped, ...rest }) => rest);
              };
              return (
                <div className="field" key={f.name}>
                  <label htmlFor={id(f.name)}>{t(f.label)}</label>
                  {f.kind === 'select' ? (
                    <select {...common} onChange={(e) => onChange(e.target.value)}>
                      <option value="">{t('self.field.chooseReason')}</option>
                      {f.options?.map((o) => (
                        <option key={o} value={o}>
                          {reasonLabel(o)}
                        </option>
                      ))}
                    </select>
                  ) : (
                    <input
                      {...common}
                      type={f.kind === 'text' ? 'text' : 'password'}
                      inputMode={f.kind === 'pin' ? 'numeric' : undefined}
                      autoComplete={f.autoComplete ?? 'off'}
                      spellCheck={false}
                      onChange={(e) => onChange(e.target.value)}
                    />
                  )}
                  {f.hint && (
                    <span id={id(`${f.name}-hint`)} className="hint muted">
                      {t(f.hint)}
                    </span>
                  )}
                  {err && (
                    <span id={id(`${f.name}-err`)} className="field-error">
                      {err}
                    </span>
                  )}
                </div>
              );
            })}
            {failure && (
              <div className="form-error" role="alert" tabIndex={-1} ref={alertRef}>
                <p>{failure.text}</p>
                {failure.stale && onReload && (
                  <button
                    type="button"
                    className="button secondary"
                    onClick={() => {
                      setFailure(null);
                      onReload();
                    }}
                  >
                    {t('self.error.reload')}
                  </button>
                )}
              </div>
            )}
            <div className="dialog-actions">
              <Button className="button secondary" onPress={() => onClose(false)} isDisabled={pending}>
                {t('common.cancel')}
              </Button>
              <button type="submit" className={danger ? 'button danger' : 'button primary'} disabled={pending}>
                {pending ? t('self.working') : confirmLabel}
              </button>
            </div>
          </form>
        )}
      </Dialog>
    </Modal>
  );
}
