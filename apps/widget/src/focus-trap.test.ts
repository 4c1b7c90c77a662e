import { describe, expect, it } from 'vitest';
import { focusableIn } from './focus-trap';

describe('focusableIn', () => {
  it('skips hidden parts, disabled controls and unchecked radios of a group', () => {
    const container = document.createElement('div');
    container.innerHTML = `
      <button id="a">a</button>
      <div hidden><input id="hidden"></div>
      <input id="disabled" disabled>
      <input type="radio" name="score" id="r1"><input type="radio" name="score" id="r2" checked>
      <input type="radio" name="other" id="o1"><input type="radio" name="other" id="o2">
      <p tabindex="-1" id="minus">x</p>
      <a href="#x" id="link">link</a>
      <div tabindex="0" id="log"></div>`;
    expect(focusableIn(container).map((el) => el.id)).toEqual(['a', 'r2', 'o1', 'link', 'log']);
  });
});
