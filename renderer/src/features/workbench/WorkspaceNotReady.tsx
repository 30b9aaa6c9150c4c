/** Props of the screen shown before the workspace is there. */
export interface WorkspaceNotReadyProps {
  /** Why the workspace could not be loaded, or null while it is still loading. */
  error: string | null;
}

/** What the window shows until the workspace is loaded: that it is loading, or why it could not be. */
export function WorkspaceNotReady({ error }: WorkspaceNotReadyProps) {
  if (error === null) return <p className="loading">Opening the workspace…</p>;
  return (
    <div className="load-error" role="alert">
      <h1>Corroborate could not open the workspace</h1>
      <p>{error}</p>
    </div>
  );
}
