import { limits } from '@/config/env';
import { ApiError } from '@/lib/api-client';
import { codePointLength } from '@/lib/text';

export type Field = 'name' | 'message';
export type Errors = Partial<Record<Field | 'form', string>>;

export const labels: Record<Field, string> = { name: 'Name', message: 'Message' };

// What the form says before sending, one sentence per field, written out rather than pieced from the field's name.
const limitErrors: Record<Field, { empty: string; tooLong: (used: number) => string }> = {
  name: {
    empty: 'Please write a name.',
    tooLong: (used) =>
      `The name is ${used} characters long; the limit is ${limits.name} (some emoji count as several).`,
  },
  message: {
    empty: 'Please write a message.',
    tooLong: (used) =>
      `The message is ${used} characters long; the limit is ${limits.message} (some emoji count as several).`,
  },
};

// Only the limits the form shows are checked here; everything else (control characters, unpaired
// surrogates, ...) is the API's to judge, and its answer is shown next to the field it names.
export function checkLimits(values: Record<Field, string>): Errors {
  const errors: Errors = {};
  for (const field of ['name', 'message'] as const) {
    const used = codePointLength(values[field]);
    if (used === 0) errors[field] = limitErrors[field].empty;
    else if (used > limits[field]) errors[field] = limitErrors[field].tooLong(used);
  }
  return errors;
}

export function errorsFromApi(error: unknown): Errors {
  if (!(error instanceof ApiError)) return { form: 'Something unexpected happened. Please try again.' };
  // The API writes a whole sentence for each field ("The name must not contain control characters, ..."): shown as is.
  if (error.field === 'name' || error.field === 'message') return { [error.field]: error.message };
  if (error.status === 413) return { message: 'The message is too large to send.' };
  if (error.status === 429) {
    const wait = error.retryAfterSeconds ? ` in ${error.retryAfterSeconds} seconds` : ' in a minute';
    return { form: `You have signed several times in a short while. Please try again${wait}.` };
  }
  if (error.code === 'network')
    return { form: 'The guestbook server cannot be reached. Your text is still here; please try again.' };
  if (error.isOutage) {
    return {
      form: 'The guestbook cannot save entries right now: its database is not answering. Your text is still here; please try again in a moment.',
    };
  }
  return { form: error.message };
}
