import {
  Button,
  Text,
  UNSTABLE_Toast as Toast,
  UNSTABLE_ToastContent as ToastContent,
  UNSTABLE_ToastQueue as ToastQueue,
  UNSTABLE_ToastRegion as ToastRegion,
} from 'react-aria-components';
import { t } from '../i18n';

/** Short confirmations ("Lock card: done."); the changed state on the page confirms it too. */
export const toasts = new ToastQueue<{ title: string }>({ maxVisibleToasts: 3 });

export function notify(title: string) {
  toasts.add({ title }, { timeout: 5000 });
}

export function Toasts() {
  return (
    <ToastRegion queue={toasts} className="toast-region">
      {({ toast }) => (
        <Toast toast={toast} className="toast">
          <ToastContent>
            <Text slot="title">{toast.content.title}</Text>
          </ToastContent>
          <Button slot="close" className="toast-close" aria-label={t('common.close')}>
            ×
          </Button>
        </Toast>
      )}
    </ToastRegion>
  );
}
