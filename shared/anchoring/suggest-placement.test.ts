import { describe, expect, it } from 'vitest';
import { fragmentAt } from '../text/text-quote.js';
import { reanchorAnnotations } from './reanchor-annotations.js';
import { suggestPlacement } from './suggest-placement.js';

describe('suggestPlacement', () => {
  const before = 'The Briton responded, “I did give him a phone call, which he didn’t answer.” Bottas declined to comment.';
  const at = before.indexOf('I did give');
  const fragment = fragmentAt(before, { start: at, end: at + 'I did give him a phone call'.length });

  it('suggests the reworded quote for an orphan, which stays orphaned', () => {
    const after = before.replace('I did give him a phone call', 'I did give him the phone call');
    expect(reanchorAnnotations([{ id: 'a', fragments: [fragment] }], after)[0]).toMatchObject({ status: 'orphaned' });
    const suggestion = suggestPlacement(fragment, after);
    expect(suggestion).toMatchObject({ start: at, found: 'I did give him the phone call', errors: 3 });
  });

  it('suggests nothing when nothing near is close enough', () => {
    expect(suggestPlacement(fragment, 'A completely different article about football results.')).toBeNull();
  });

  it('never cuts an emoji in half', () => {
    const text = 'Fans 👍🏽 cheered loudly';
    const emoji = fragmentAt(text, { start: 0, end: 17 });
    const suggestion = suggestPlacement(emoji, 'Fans 👍🏾 cheered loudly');
    expect(suggestion).not.toBeNull();
    const found = suggestion!.found;
    expect(found.length).toBeGreaterThan(0);
    expect(/^[\udc00-\udfff]|[\ud800-\udbff]$/.test(found)).toBe(false);
  });
});
