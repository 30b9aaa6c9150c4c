import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectWorkbench } from './client/connect-workbench.js';
import { App } from './App.js';
import 'prosemirror-view/style/prosemirror.css';
import './styles.css';

const root = createRoot(document.getElementById('root')!);
try {
  const { api, transport } = connectWorkbench();
  document.documentElement.dataset.transport = transport;
  root.render(
    <StrictMode>
      <App api={api} />
    </StrictMode>,
  );
} catch (error) {
  root.render(
    <div className="load-error" role="alert">
      <h1>Corroborate cannot reach its workspace</h1>
      <p>{(error as Error).message}</p>
    </div>,
  );
}
