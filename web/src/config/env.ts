import { PAGE_SIZE } from '@guestbook/api/contract';

// Settings the page is built with. The API lives on the same origin in production and behind
// Vite's proxy in development, so the default base URL is empty (relative requests).
export const env = {
  API_URL: (import.meta.env.VITE_API_URL as string | undefined) ?? '',
  PAGE_SIZE: PAGE_SIZE.default,
} as const;

// The API's limits, counted in Unicode code points as the API counts them.
export { LIMITS as limits } from '@guestbook/api/contract';
