import { describe, expect, it } from 'vitest';
import { ApiError } from '@/lib/api-client';
import { checkLimits, errorsFromApi } from './sign-form-errors';

describe('checkLimits', () => {
  it('when both fields are within their limits in code points, then there is nothing to say', () => {
    expect(checkLimits({ name: '🦊'.repeat(80), message: 'x'.repeat(2000) })).toEqual({});
  });

  it('when a field is empty or one code point too long, then that field gets the error', () => {
    expect(checkLimits({ name: '', message: 'hi' })).toEqual({ name: 'Please write a name.' });
    expect(checkLimits({ name: '𠮷'.repeat(81), message: '' })).toEqual({
      name: 'The name is 81 characters long; the limit is 80 (some emoji count as several).',
      message: 'Please write a message.',
    });
  });
});

describe('errorsFromApi', () => {
  it('when the API names a field, then its sentence goes under that field as written', () => {
    const sentence = 'The name must not contain control characters, such as a line break or a tab.';
    expect(errorsFromApi(new ApiError(400, 'invalid_field', sentence, 'name'))).toEqual({ name: sentence });
  });

  it('when the API names no field of the form, then the message is shown for the whole form', () => {
    const sentence = 'An entry has only a name and a message; the request body has another field.';
    expect(errorsFromApi(new ApiError(400, 'invalid_field', sentence, 'extra'))).toEqual({ form: sentence });
  });

  it('when signing is rate limited, then the wait from Retry-After is said in words', () => {
    expect(errorsFromApi(new ApiError(429, 'rate_limited', 'Too many', undefined, 42)).form).toBe(
      'You have signed several times in a short while. Please try again in 42 seconds.',
    );
  });

  it('when the database or the server is unreachable, then the form says the text is kept', () => {
    expect(errorsFromApi(new ApiError(503, 'unavailable', 'down')).form).toMatch(
      /database is not answering.*Your text is still here/,
    );
    expect(errorsFromApi(new ApiError(0, 'network', 'offline')).form).toMatch(
      /cannot be reached.*Your text is still here/,
    );
  });

  it('when a body is too large, then the message field carries the error', () => {
    expect(errorsFromApi(new ApiError(413, 'payload_too_large', 'big'))).toEqual({
      message: 'The message is too large to send.',
    });
  });
});
