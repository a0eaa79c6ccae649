import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { Button, Dialog, DialogTrigger, Heading, Modal } from 'react-aria-components';
import { useNavigate } from 'react-router-dom';
import { resetClientState } from '../access/session';
import { t } from '../i18n';
import { demoControls, type DemoControls } from './demo';
import { paths } from './paths';

/** A moment within which a prepared organisation needs no progress shown. */
const MOMENT_MS = 400;

/**
 * While the backend worker generates the organisation, says so (the sign-in page works meanwhile; a
 * request waits for the organisation), with progress once it takes longer than a moment. Once ready it
 * says so once for screen readers, then nothing.
 */
function Preparing({ controls }: { controls: DemoControls }) {
  const status = useSyncExternalStore(controls.onStatus, controls.status);
  const [long, setLong] = useState(false);
  const [wasPreparing] = useState(status.state === 'preparing');
  useEffect(() => {
    const timer = setTimeout(() => setLong(true), MOMENT_MS);
    return () => clearTimeout(timer);
  }, []);
  let text = '';
  if (status.state === 'preparing') text = long && status.done > 0 ? t('demo.preparingProgress', { done: status.done, total: status.total }) : t('demo.preparing');
  else if (wasPreparing && long) text = t('demo.ready', { persons: status.persons });
  // The place of the status is kept while the organisation is prepared (the bar hidden, not absent, until
  // needed), so the banner and the page below it do not move as the text changes.
  return (
    <span role="status" className={wasPreparing ? 'demo-status' : 'demo-status idle'}>
      <span>{text}</span>
      {status.state === 'preparing' && (
        <progress max={status.total} value={status.done} aria-label={t('demo.preparing')} className={long ? undefined : 'waiting'} />
      )}
    </span>
  );
}

/** Shown whenever the demo backend is on. */
export default function DemoBanner() {
  const controls = demoControls();
  const qc = useQueryClient();
  const navigate = useNavigate();
  if (!controls) return null;
  return (
    <div className="demo-banner" role="region" aria-label={t('demo.region')}>
      <span className="demo-text">{t('demo.banner')}</span>
      <Preparing controls={controls} />
      <DialogTrigger>
        <Button className="button link">{t('demo.reset')}</Button>
        <Modal className="modal" isDismissable>
          <Dialog className="dialog" role="alertdialog">
            {({ close }) => (
              <>
                <Heading slot="title">{t('demo.resetTitle')}</Heading>
                <p>{t('demo.resetBody')}</p>
                <div className="dialog-actions">
                  <Button className="button secondary" onPress={close}>
                    {t('common.cancel')}
                  </Button>
                  <Button
                    className="button danger"
                    onPress={() => {
                      close();
                      void controls.reset().then(() => {
                        resetClientState(qc, null);
                        navigate(paths.login(), { replace: true });
                      });
                    }}
                  >
                    {t('demo.resetConfirm')}
                  </Button>
                </div>
              </>
            )}
          </Dialog>
        </Modal>
      </DialogTrigger>
    </div>
  );
}
