import { useState } from 'react';
import type { SelfServiceCard, SelfServiceCardAction, UnblockResponse } from '../../api/types';
import { ApiError } from '../../api/client';
import { t, type MessageKey } from '../../i18n';
import { effectText } from '../../ui/DialogParts';
import { notify } from '../../ui/toast';
import { FormDialog, type FieldDef } from './FormDialog';
import { runCardAction } from './selfServiceApi';

const PASSWORD: FieldDef = {
  name: 'currentPassword',
  label: 'self.field.currentPassword',
  hint: 'self.field.currentPasswordHint',
  kind: 'password',
  secret: true,
  autoComplete: 'current-password',
};
const NEW_PIN: FieldDef[] = [
  { name: 'newPin', label: 'self.field.newPin', hint: 'self.field.newPinHint', kind: 'pin', secret: true },
  { name: 'confirmPin', label: 'self.field.confirmPin', kind: 'pin', secret: true, sameAs: 'newPin' },
];

/** The fields each action asks for; the current password (step-up) comes last where it is needed. */
function fieldsOf(action: SelfServiceCardAction, card: SelfServiceCard): FieldDef[] {
  switch (action) {
    case 'activate':
    case 'renew':
      return [];
    case 'lock':
      return [{ name: 'reason', label: 'self.field.reason', kind: 'select', options: card.actionDetails.lock?.reasons ?? [] }, PASSWORD];
    case 'change-pin':
      return [{ name: 'currentPin', label: 'self.field.currentPin', kind: 'pin', secret: true }, ...NEW_PIN, PASSWORD];
    case 'unblock-pin':
      return [...NEW_PIN, PASSWORD];
    case 'unblock-pin-offline':
      return [{ name: 'challenge', label: 'self.field.challenge', hint: 'self.field.challengeHint', kind: 'text' }, PASSWORD];
  }
}

export const actionLabel = (action: SelfServiceCardAction) => t(`self.action.${action}` as MessageKey);


/** The response of an offline unblock, shown once, with a copy button. */
function ResponseView({ response }: { response: string }) {
  const [copied, setCopied] = useState<string | null>(null);
  return (
    <>
      <p>{t('self.response.text')}</p>
      <output className="ss-response" aria-label={t('self.response.title')}>
        {response}
      </output>
      <p>
        <button
          type="button"
          className="button secondary"
          onClick={() => {
            navigator.clipboard
              ?.writeText(response)
              .then(() => setCopied(t('self.response.copied')))
              .catch(() => setCopied(t('self.response.copyFailed')));
          }}
        >
          {t('self.response.copy')}
        </button>{' '}
        <span role="status">{copied}</span>
      </p>
    </>
  );
}

/** One self-service action on one of my cards, confirmed in a dialog that says what will happen. */
export function CardActionDialog({
  card,
  action,
  onClose,
  onChanged,
  onReload,
}: {
  card: SelfServiceCard;
  action: SelfServiceCardAction;
  onClose: (done: boolean) => void;
  /** The card changed (its state or PIN): reload what the page shows, before the dialog closes. */
  onChanged: () => Promise<void>;
  onReload: () => void;
}) {
  const detail = card.actionDetails[action];
  const effects = action === 'activate' || action === 'renew' || action === 'lock' ? (detail?.effects ?? []).map(effectText) : null;
  return (
    <FormDialog
      title={`${actionLabel(action)} ${card.number}`}
      intro={t(`self.intro.${action}` as MessageKey, { number: card.number })}
      effects={effects}
      fields={fieldsOf(action, card)}
      confirmLabel={actionLabel(action)}
      danger={action === 'lock'}
      onReload={onReload}
      onClose={onClose}
      onSubmit={async (values) => {
        const answer = await runCardAction(card, action, values).catch(async (err: unknown) => {
          // The card has changed meanwhile (e.g. a wrong PIN too many blocked it): show it as it is now.
          if (err instanceof ApiError && err.status === 409) await onChanged();
          throw err;
        });
        await onChanged();
        notify(t(`self.done.${action}` as MessageKey, { number: card.number }));
        if (action === 'unblock-pin-offline') return <ResponseView response={(answer as UnblockResponse).response} />;
      }}
    />
  );
}
