import { initialsOf } from '../../../../shared/model/annotator.js';
import { IdentityDialog } from './IdentityDialog.js';
import { useMyIdentity } from './my-identity.js';
import './team.css';

/**
 * Who I am, in the top bar: my initials and name; clicking changes them. It also shows the dialog
 * that asks for them on first launch.
 */
export function IdentityButton() {
  const [state, store] = useMyIdentity();
  const me = state.identity;
  if (!me) return null;
  const name = me.identity.name;
  return (
    <>
      <button
        type="button"
        className="identity-button"
        onClick={() => store.change()}
        disabled={!me.changeable}
        title={me.changeable ? 'Change your name or email' : `Set by ${me.source === 'environment' ? 'CORROBORATE_ANNOTATOR' : 'the command line'}`}
      >
        <span className="annotator-initials" aria-hidden="true">
          {initialsOf(name)}
        </span>
        <span className="visually-hidden">You: </span>
        {name}
      </button>
      {state.dialog && <IdentityDialog key={state.revision} state={state} store={store} />}
    </>
  );
}
