import { useId, useState } from 'react';
import { LOCALES, setLocale, t, useLocale, type Locale } from '../i18n';

/**
 * Switches the console's language at once, without a reload; what is typed on the page stays. Each
 * language is named in itself, so a person who reads only one finds it.
 */
export function LanguagePicker({ className = 'field' }: { className?: string }) {
  const locale = useLocale();
  const id = useId();
  const [failed, setFailed] = useState(false);
  if (Object.keys(LOCALES).length < 2) return null;
  return (
    <div className={`language-picker ${className}`}>
      <label htmlFor={id}>{t('language.label')}</label>
      <select
        id={id}
        value={locale}
        aria-describedby={failed ? `${id}-error` : undefined}
        onChange={(e) => {
          setFailed(false);
          setLocale(e.target.value as Locale).catch(() => setFailed(true));
        }}
      >
        {Object.entries(LOCALES).map(([code, name]) => (
          <option key={code} value={code} lang={code}>
            {name}
          </option>
        ))}
      </select>
      {failed && (
        <span id={`${id}-error`} className="field-error" role="alert">
          {t('language.failed')}
        </span>
      )}
    </div>
  );
}
