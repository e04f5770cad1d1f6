import { EntryPage } from '@/features/guestbook/components/entry-page';
import { Guestbook } from '@/features/guestbook/components/guestbook';
import { routeOf } from './route';

export function App() {
  const route = routeOf(window.location.pathname);
  return (
    <main className="page">
      <header className="page-header">
        <h1>Guestbook</h1>
        <p>Leave a few words for the next visitor.</p>
      </header>
      {route.page === 'entry' ? <EntryPage id={route.id} /> : <Guestbook />}
    </main>
  );
}
