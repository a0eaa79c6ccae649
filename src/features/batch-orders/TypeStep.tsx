import { useId, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { t } from '../../i18n';
import { LIST_PATH, type NewOrder } from './newOrder';
import { typeLabel } from './orderTypes';

/** Step 1: the order type, among those the person's permissions allow. */
export function TypeStep({ order, heading, headingId }: { order: NewOrder; heading: ReactNode; headingId: string }) {
  const { allowed, type, typeError, chooseType, onTypeNext } = order;
  const errorId = useId();
  return (
        <form onSubmit={onTypeNext} noValidate aria-labelledby={headingId}>
          {heading}
          <fieldset className="bo-types" aria-describedby={typeError ? errorId : undefined}>
            <legend>{t('batch.new.typeQuestion')}</legend>
            {allowed.map((c) => {
              const id = `bo-type-${c.type}`;
              return (
                <div key={c.type} className="bo-type">
                  <input
                    type="radio"
                    id={id}
                    name="order-type"
                    value={c.type}
                    checked={type === c.type}
                    onChange={() => chooseType(c.type)}
                    aria-describedby={`${id}-hint`}
                    aria-invalid={typeError ? true : undefined}
                  />
                  <label htmlFor={id}>{typeLabel(c.type)}</label>
                  <span id={`${id}-hint`} className="bo-type-hint">
                    {t(`batch.typeHint.${c.type}`)}
                  </span>
                </div>
              );
            })}
          </fieldset>
          {typeError && (
            <p id={errorId} className="field-error" role="alert">
              {typeError}
            </p>
          )}
          <div className="bo-wizard-actions">
            <Link to={LIST_PATH} className="button secondary">
              {t('common.cancel')}
            </Link>
            <button type="submit" className="button primary">
              {t('batch.new.toSelect')}
            </button>
          </div>
        </form>
  );
}
