import type { ReactNode } from 'react';
import { Button, Dialog, Heading, Modal } from 'react-aria-components';
import { t } from '../i18n';
import { DialogProblem } from './DialogParts';

/**
 * Asks before an action: what it does, then the action or going back. A failed request is said inside
 * the dialog, which stays open so the person can try again. React Aria returns focus to the button
 * that opened it.
 */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  tone = 'primary',
  pending,
  error,
  onConfirm,
  onClose,
}: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  tone?: 'primary' | 'danger';
  pending: boolean;
  error: string | null;
  onConfirm: () => void;
  onClose: () => void;
}) {
  return (
    <Modal className="modal" isOpen isDismissable={!pending} onOpenChange={(open) => !open && !pending && onClose()}>
      <Dialog className="dialog confirm-dialog" role="alertdialog">
        <Heading slot="title" level={2}>
          {title}
        </Heading>
        {children}
        <DialogProblem problem={error ? { text: error } : null} />
        <div className="dialog-actions">
          <Button className="button secondary" onPress={onClose} isDisabled={pending}>
            {t('confirm.back')}
          </Button>
          <Button className={`button ${tone}`} onPress={onConfirm} isPending={pending}>
            {pending ? t('confirm.working') : confirmLabel}
          </Button>
        </div>
      </Dialog>
    </Modal>
  );
}
