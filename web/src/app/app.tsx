import { Guestbook } from '@/features/guestbook/components/guestbook';

export function App() {
  return (
    <main className="page">
      <header className="page-header">
        <h1>Guestbook</h1>
        <p>Leave a few words for the next visitor.</p>
      </header>
      <Guestbook />
    </main>
  );
}
