import { useQueryClient } from '@tanstack/react-query';
import { Button, Dialog, DialogTrigger, Heading, Modal } from 'react-aria-components';
import { useNavigate } from 'react-router-dom';
import { resetClientState } from '../access/session';
import { t } from '../i18n';
import { demoControls } from './demo';
import { paths } from './paths';

/** Shown whenever the in-page mock backend is on. */
export default function DemoBanner() {
  const controls = demoControls();
  const qc = useQueryClient();
  const navigate = useNavigate();
  if (!controls) return null;
  return (
    <div className="demo-banner" role="region" aria-label={t('demo.region')}>
      <span>{t('demo.banner')}</span>
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
                      controls.reset();
                      resetClientState(qc, null);
                      close();
                      navigate(paths.login(), { replace: true });
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
