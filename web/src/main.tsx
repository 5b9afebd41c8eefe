// Before anything that makes a zod schema: see zod-jitless.ts.
import './zod-jitless.js';

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// Base styles first, so that component styles can refine them.
import './styles/base.css';
import { App } from './app/App.js';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
