import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { connectWorkbench } from './client/connect-workbench.js';
import { WorkbenchCache } from './client/workbench-cache.js';
import { WorkbenchProvider } from './client/workbench-context.js';
import 'prosemirror-view/style/prosemirror.css';
import './styles.css';

const root = createRoot(document.getElementById('root')!);
try {
  const { api, transport } = connectWorkbench();
  document.documentElement.dataset.transport = transport;
  root.render(
    <StrictMode>
      <WorkbenchProvider cache={new WorkbenchCache(api)}>
        <App />
      </WorkbenchProvider>
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
