import { useRef, useState, type FormEvent } from 'react';
import { limits } from '@/config/env';
import { ApiError } from '@/lib/api-client';
import { codePointLength } from '@/lib/text';
import { createEntry } from '../api/create-entry';
import type { Entry } from '../api/types';
import { TextField } from './text-field';

type Field = 'name' | 'message';
type Errors = Partial<Record<Field | 'form', string>>;

const labels: Record<Field, string> = { name: 'Name', message: 'Message' };

// Only the limits the form shows are checked here; everything else (control characters, unpaired
// surrogates, ...) is the API's to judge, and its answer is shown next to the field it names.
function checkLimits(values: Record<Field, string>): Errors {
  const errors: Errors = {};
  for (const field of ['name', 'message'] as const) {
    const used = codePointLength(values[field]);
    if (used === 0) errors[field] = `Please write a ${field}.`;
    else if (used > limits[field]) {
      errors[field] = `${labels[field]} is ${used} characters long; the limit is ${limits[field]} (some emoji count as several).`;
    }
  }
  return errors;
}

function errorsFromApi(error: unknown): Errors {
  if (!(error instanceof ApiError)) return { form: 'Something unexpected happened. Please try again.' };
  if (error.field === 'name' || error.field === 'message') return { [error.field]: error.message };
  if (error.status === 413) return { message: 'The message is too large to send.' };
  if (error.status === 429) {
    const wait = error.retryAfterSeconds ? ` in ${error.retryAfterSeconds} seconds` : ' in a minute';
    return { form: `You have signed several times in a short while. Please try again${wait}.` };
  }
  if (error.code === 'network') return { form: 'The guestbook server cannot be reached. Your text is still here; please try again.' };
  if (error.isOutage) {
    return { form: 'The guestbook cannot save entries right now: its database is not answering. Your text is still here; please try again in a moment.' };
  }
  return { form: error.message };
}

type Props = { onSigned: (entry: Entry) => void };

export function SignForm({ onSigned }: Props) {
  const [values, setValues] = useState<Record<Field, string>>({ name: '', message: '' });
  const [errors, setErrors] = useState<Errors>({});
  const [sending, setSending] = useState(false);
  const refs = { name: useRef<HTMLInputElement & HTMLTextAreaElement>(null), message: useRef<HTMLInputElement & HTMLTextAreaElement>(null) };

  const update = (field: Field) => (value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    if (errors[field]) setErrors((e) => ({ ...e, [field]: undefined }));
  };

  const showErrors = (found: Errors) => {
    setErrors(found);
    const first = (['name', 'message'] as const).find((f) => found[f]);
    if (first) refs[first].current?.focus();
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
      refs.message.current?.focus();
    } catch (error) {
      showErrors(errorsFromApi(error));
    } finally {
      setSending(false);
    }
  }

  return (
    <form className="sign-form" onSubmit={submit} noValidate aria-labelledby="sign-heading">
      <h2 id="sign-heading">Sign the guestbook</h2>
      <TextField id="name" label={labels.name} value={values.name} limit={limits.name} error={errors.name}
        readOnly={sending} autoComplete="name" inputRef={refs.name} onChange={update('name')} />
      <TextField id="message" label={labels.message} value={values.message} limit={limits.message} error={errors.message}
        readOnly={sending} multiline inputRef={refs.message} onChange={update('message')} />
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
