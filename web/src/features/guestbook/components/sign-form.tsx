import { useRef, useState, type FormEvent } from 'react';
import { limits } from '@/config/env';
import { createEntry } from '../api/create-entry';
import type { Entry } from '../api/types';
import { checkLimits, errorsFromApi, labels, type Errors, type Field } from './sign-form-errors';
import { TextField } from './text-field';

type Props = { onSigned: (entry: Entry) => void };

export function SignForm({ onSigned }: Props) {
  const [values, setValues] = useState<Record<Field, string>>({ name: '', message: '' });
  const [errors, setErrors] = useState<Errors>({});
  const [sending, setSending] = useState(false);
  const nameRef = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const messageRef = useRef<HTMLInputElement & HTMLTextAreaElement>(null);

  const update = (field: Field) => (value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    if (errors[field]) setErrors((e) => ({ ...e, [field]: undefined }));
  };

  const showErrors = (found: Errors) => {
    setErrors(found);
    const first = (['name', 'message'] as const).find((f) => found[f]);
    if (first) (first === 'name' ? nameRef : messageRef).current?.focus();
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (sending) return;
    const found = checkLimits(values);
    if (Object.keys(found).length > 0) return showErrors(found);
    setSending(true);
    setErrors({});
    try {
      const entry = await createEntry(values);
      setValues((v) => ({ ...v, message: '' }));
      onSigned(entry);
      messageRef.current?.focus();
    } catch (error) {
      showErrors(errorsFromApi(error));
    } finally {
      setSending(false);
    }
  }

  return (
    <form className="sign-form" onSubmit={submit} noValidate aria-labelledby="sign-heading">
      <h2 id="sign-heading">Sign the guestbook</h2>
      <TextField
        id="name"
        label={labels.name}
        value={values.name}
        limit={limits.name}
        error={errors.name}
        readOnly={sending}
        autoComplete="name"
        inputRef={nameRef}
        onChange={update('name')}
      />
      <TextField
        id="message"
        label={labels.message}
        value={values.message}
        limit={limits.message}
        error={errors.message}
        readOnly={sending}
        multiline
        inputRef={messageRef}
        onChange={update('message')}
      />
      {errors.form && (
        <p className="form-error" role="alert">
          {errors.form}
        </p>
      )}
      {/* aria-disabled rather than disabled, so keyboard focus stays on the button while the entry is sent. */}
      <button type="submit" className="primary" aria-disabled={sending}>
        {sending ? 'Signing…' : 'Sign'}
      </button>
    </form>
  );
}
