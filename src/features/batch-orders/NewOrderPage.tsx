import { useEffect, useId, useRef } from 'react';
import { Link } from 'react-router-dom';
import { t } from '../../i18n';
import { usePageTitle } from '../../ui/usePageTitle';
import { LIST_PATH, STEPS, useNewOrder } from './newOrder';
import { ReviewStep } from './ReviewStep';
import { SelectStep } from './SelectStep';
import { TypeStep } from './TypeStep';
import './batchOrders.css';

/**
 * A new batch order in three steps: the order type (only those the person's permissions allow), the
 * objects (criteria like Extended Search, ticked rows or all matching), and a review that says what
 * will happen and what will be skipped. Start creates the order with an Idempotency-Key and runs it;
 * a failed request keeps every choice and the key, so trying again never makes a second order.
 */
export default function NewOrderPage() {
  usePageTitle(t('batch.new.title'));
  const order = useNewOrder();
  const { allowed, step, config, source } = order;
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);
  useEffect(() => {
    // Each step starts at its heading, so keyboard and screen-reader users land on what is new.
    if (firstRender.current) firstRender.current = false;
    else headingRef.current?.focus();
  }, [step]);

  if (allowed.length === 0) {
    return (
      <section>
        <h1>{t('batch.new.title')}</h1>
        <p>{t('batch.new.noTypes')}</p>
        <Link to={LIST_PATH}>{t('batch.backToList')}</Link>
      </section>
    );
  }

  const stepIndex = STEPS.indexOf(step);
  const heading = (
    <h2 id={headingId} ref={headingRef} tabIndex={-1} className="bo-step-heading">
      {t('batch.step.of', { n: stepIndex + 1, total: STEPS.length })} {t(`batch.step.${step}`)}
    </h2>
  );

  return (
    <section className="bo-new">
      <h1>{t('batch.new.title')}</h1>
      <ol className="bo-steps" aria-label={t('batch.steps')}>
        {STEPS.map((s, i) => (
          <li key={s} aria-current={s === step ? 'step' : undefined} className={i < stepIndex ? 'done' : undefined}>
            {t(`batch.step.${s}`)}
          </li>
        ))}
      </ol>
      {step === 'type' && <TypeStep order={order} heading={heading} headingId={headingId} />}
      {step === 'select' && config && source && <SelectStep order={order} config={config} source={source} heading={heading} headingId={headingId} />}
      {step === 'review' && config && <ReviewStep order={order} config={config} heading={heading} headingId={headingId} />}
    </section>
  );
}
