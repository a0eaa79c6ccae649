import type { Ref } from 'react';
import { FieldError, Input, Label, Text, TextArea, TextField } from 'react-aria-components';
import { ApiError } from '../api/client';

/** The messages per field of a 422 problem, for a Form's `validationErrors`; none for anything else. */
export function problemFieldErrors(err: unknown): Record<string, string> {
  return err instanceof ApiError && err.status === 422 && err.problem.errors ? err.problem.errors : {};
}

/**
 * A labelled text field of a React Aria `Form`, with its hint and its error. The error is the Form's
 * `validationErrors` under the field's `name`: the console's own checks and a 422's messages take one
 * way, and each goes once the person edits the field.
 */
export function TextInput({
  name,
  label,
  hint,
  value,
  onChange,
  multiline = false,
  inputRef,
  autoComplete,
  autoFocus,
}: {
  name: string;
  label: string;
  hint?: string;
  value: string;
  onChange: (value: string) => void;
  multiline?: boolean;
  inputRef?: Ref<HTMLInputElement>;
  autoComplete?: string;
  autoFocus?: boolean;
}) {
  return (
    <TextField className="field" name={name} value={value} onChange={onChange} autoComplete={autoComplete} autoFocus={autoFocus}>
      <Label>{label}</Label>
      {multiline ? <TextArea /> : <Input ref={inputRef} />}
      {hint && (
        <Text slot="description" className="field-hint">
          {hint}
        </Text>
      )}
      <FieldError className="field-error" />
    </TextField>
  );
}
