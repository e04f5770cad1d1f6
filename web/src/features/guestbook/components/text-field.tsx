import type { Ref } from 'react';
import { codePointLength } from '@/lib/text';

type Props = {
  id: string;
  label: string;
  value: string;
  limit: number;
  error: string | undefined;
  readOnly: boolean;
  multiline?: boolean;
  autoComplete?: string;
  inputRef?: Ref<HTMLInputElement & HTMLTextAreaElement>;
  onChange: (value: string) => void;
};

// The counter counts code points, like the API. No maxLength attribute: browsers count UTF-16 units
// there, which would stop a name of 80 emoji at 40.
export function TextField({
  id,
  label,
  value,
  limit,
  error,
  readOnly,
  multiline,
  autoComplete,
  inputRef,
  onChange,
}: Props) {
  const used = codePointLength(value);
  const countId = `${id}-count`;
  const errorId = `${id}-error`;
  const common = {
    id,
    name: id,
    value,
    readOnly,
    ref: inputRef,
    'aria-required': true,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? `${errorId} ${countId}` : countId,
    onChange: (event: { target: { value: string } }) => onChange(event.target.value),
  };
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <div className="field-head">
        <label htmlFor={id}>{label}</label>
        <span id={countId} className={`field-count${used > limit ? ' field-count-over' : ''}`}>
          {used} / {limit}
          <span className="visually-hidden"> characters</span>
        </span>
      </div>
      {multiline ? <textarea rows={4} {...common} /> : <input type="text" autoComplete={autoComplete} {...common} />}
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
