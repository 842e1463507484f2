/**
 * The app shell: a hash router over home, solo, create, join, the table and the key
 * lesson. On every change of screen the page title is updated and focus moves to the
 * new screen's heading, so keyboard and screen-reader users start at the top.
 * @module
 */
import { lazy, Suspense, useEffect, useRef } from 'react';
import { CreateForm } from './CreateForm.tsx';
import { Home } from './Home.tsx';
import { JoinForm } from './JoinForm.tsx';
import { href, parseHash, type Route, useHash } from './router.ts';
import { SeatArrival } from './SeatHandoff.tsx';
import { SoloForm } from './SoloForm.tsx';

// The table (game client, crypto, desks), the key lesson and the glossary load when first opened, so the
// home page's JavaScript stays small (docs/performance.md).
const Table = lazy(() => import('./Table.tsx').then((m) => ({ default: m.Table })));
// The classroom screens: a teacher's and a student's, loaded when first opened.
const CreateClass = lazy(() => import('./classroom/CreateClass.tsx').then((m) => ({ default: m.CreateClass })));
const JoinClass = lazy(() => import('./classroom/JoinClass.tsx').then((m) => ({ default: m.JoinClass })));
const Dashboard = lazy(() => import('./classroom/Dashboard.tsx').then((m) => ({ default: m.Dashboard })));
const ClassDebrief = lazy(() => import('./classroom/ClassDebrief.tsx').then((m) => ({ default: m.ClassDebrief })));
const Docket = lazy(() => import('./classroom/Docket.tsx').then((m) => ({ default: m.Docket })));
const Projector = lazy(() => import('./classroom/Projector.tsx').then((m) => ({ default: m.Projector })));
const KeyLesson = lazy(() => import('./KeyLesson.tsx').then((m) => ({ default: m.KeyLesson })));
const GlossaryPage = lazy(() => import('./GlossaryPage.tsx').then((m) => ({ default: m.GlossaryPage })));

const TITLES: Record<Route['name'], string> = {
  home: 'Going Dark',
  lesson: 'Key lesson · Going Dark',
  solo: 'Play solo · Going Dark',
  create: 'Create a table · Going Dark',
  join: 'Join with a code · Going Dark',
  table: 'Table · Going Dark',
  glossary: 'Glossary · Going Dark',
  seat: 'Taking your seat · Going Dark',
  'class-new': 'New class · Going Dark',
  'class-join': 'Join a class · Going Dark',
  'class-dashboard': 'Class dashboard · Going Dark',
  'class-projector': 'Projector · Going Dark',
  'class-debrief': 'Class debrief · Going Dark',
  'class-docket': 'Docket · Going Dark',
  'not-found': 'Not found · Going Dark',
};

function Screen({ route }: { route: Route }) {
  switch (route.name) {
    case 'home':
      return <Home />;
    case 'lesson':
      return <KeyLesson />;
    case 'solo':
      return <SoloForm />;
    case 'create':
      return <CreateForm />;
    case 'join':
      return <JoinForm key={route.code ?? ''} {...(route.code ? { initialCode: route.code } : {})} />;
    case 'table':
      return <Table key={`${route.matchID}/${route.playerID}`} matchID={route.matchID} playerID={route.playerID} />;
    case 'glossary':
      return <GlossaryPage />;
    case 'seat':
      return <SeatArrival route={route} />;
    case 'class-new':
      return <CreateClass />;
    case 'class-join':
      return <JoinClass key={route.code} code={route.code} />;
    case 'class-dashboard':
      return <Dashboard key={route.code} code={route.code} />;
    case 'class-projector':
      return <Projector key={route.code} code={route.code} />;
    case 'class-debrief':
      return <ClassDebrief key={route.code} code={route.code} />;
    case 'class-docket':
      return <Docket key={route.code} code={route.code} />;
    case 'not-found':
      return (
        <>
          <h1 tabIndex={-1}>Page not found</h1>
          <p>
            There is nothing at “{route.path}”. <a href={href({ name: 'home' })}>Go to the home page</a>.
          </p>
        </>
      );
  }
}

/** The root component. */
export function App() {
  const hash = useHash();
  const route = parseHash(hash);
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every change of screen, which `hash` marks
  useEffect(() => {
    document.title = TITLES[route.name];
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [hash]);

  return (
    <>
      <button type="button" className="skip-link" onClick={() => main.current?.focus()}>
        Skip to content
      </button>
      <header className="site-header">
        <a href={href({ name: 'home' })} className="brand">
          <span aria-hidden="true">🔒 </span>Going Dark
        </a>
        <nav aria-label="Main">
          <a href={href({ name: 'solo' })}>Solo</a>
          <a href={href({ name: 'create' })}>Create</a>
          <a href={href({ name: 'join' })}>Join</a>
          <a href={href({ name: 'class-new' })}>Class</a>
          <a href={href({ name: 'lesson' })}>Key lesson</a>
          <a href={href({ name: 'glossary' })}>Glossary</a>
        </nav>
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        <Suspense
          fallback={
            <p role="status" className="waiting">
              Loading…
            </p>
          }
        >
          <Screen route={route} />
        </Suspense>
      </main>
    </>
  );
}
