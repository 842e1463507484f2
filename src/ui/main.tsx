import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { KeyLesson } from './KeyLesson.tsx';

const container = document.getElementById('root');
if (container) {
  createRoot(container).render(
    <StrictMode>
      <KeyLesson />
    </StrictMode>,
  );
}
