/**
 * The glossary page (ui.md: "the glossary carries the legal detail and the sources"):
 * every entry of `glossary.ts` — the word, what it means in plain words, what it is in
 * the game, and the sources a teacher can check. Each entry is a section whose id is
 * the entry's id, so `#/glossary#calea` opens the page on CALEA: the app routes on the
 * hash, so the page reads the part after the second `#` itself and scrolls to and
 * focuses that entry (on arrival, and whenever the hash changes).
 * @module
 */
import { useEffect, useState } from 'react';
import { GLOSSARY, glossaryEntry } from './glossary.ts';
import './glossary.css';

/** The entry id in a hash such as `#/glossary#calea`, if it names an entry. */
export function glossaryFragment(hash: string): string | undefined {
  const fragment = hash.split('#')[2];
  if (!fragment) return undefined;
  let id: string;
  try {
    id = decodeURIComponent(fragment);
  } catch {
    return undefined;
  }
  return glossaryEntry(id) ? id : undefined;
}

/** Scrolls to the entry the hash names, and focuses it, after the app has moved focus to the page's heading. */
function useFragmentFocus(): string | undefined {
  const [current, setCurrent] = useState<string | undefined>();
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const go = () => {
      const id = glossaryFragment(window.location.hash);
      setCurrent(id);
      if (!id) return;
      // The app focuses the new screen's h1 in its own effect; wait for it, then move on.
      clearTimeout(timer);
      timer = setTimeout(() => {
        const section = document.getElementById(id);
        if (!section) return;
        section.scrollIntoView({ block: 'start' });
        section.focus({ preventScroll: true });
      }, 0);
    };
    go();
    window.addEventListener('hashchange', go);
    return () => {
      clearTimeout(timer);
      window.removeEventListener('hashchange', go);
    };
  }, []);
  return current;
}

/** The glossary: every word with its plain meaning, its part in the game and its sources. */
export function GlossaryPage() {
  const current = useFragmentFocus();
  return (
    <div className="glossary">
      <h1 tabIndex={-1}>Glossary</h1>
      <p className="pitch">
        The legal and technical words of the game, in plain words, with what each one is at the table and where to read
        more.
      </p>
      <nav aria-label="Glossary words" className="glossary-index">
        <ul>
          {GLOSSARY.map((e) => (
            <li key={e.id}>
              <a href={`#/glossary#${e.id}`}>{e.term}</a>
            </li>
          ))}
        </ul>
      </nav>
      {GLOSSARY.map((e) => (
        <section
          key={e.id}
          id={e.id}
          tabIndex={-1}
          aria-labelledby={`${e.id}-term`}
          className={`card glossary-entry${current === e.id ? ' glossary-current' : ''}`}
        >
          <h2 id={`${e.id}-term`}>{e.term}</h2>
          <p>{e.plain}</p>
          <p>
            <strong>In the game: </strong>
            {e.game}
          </p>
          <h3 className="glossary-sources-title">Sources</h3>
          <ul className="glossary-sources">
            {e.sources.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
