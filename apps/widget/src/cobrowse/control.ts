import type { CobrowseInputAction } from '@kcc/contracts/cobrowse';

/**
 * Does what the agent asked on the resident's page, only while the resident allowed control (the session checks
 * that, the server too). Never types into a password field. Returns whether it did something.
 */
export function applyInput(
  action: CobrowseInputAction,
  nodeOf: (id: number) => Node | null,
  win: Window,
): boolean {
  if (action.type === 'scroll') {
    win.scrollTo(action.x, action.y);
    return true;
  }
  const node = nodeOf(action.nodeId);
  if (!(node instanceof HTMLElement)) return false;
  if (action.type === 'click') {
    node.focus();
    node.click();
    return true;
  }
  const field = node;
  if (!(field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement)) return false;
  if (field instanceof HTMLInputElement && field.type === 'password') return false;
  if (field.disabled || field.readOnly) return false;
  field.focus();
  field.value = action.text;
  field.dispatchEvent(new Event('input', { bubbles: true }));
  field.dispatchEvent(new Event('change', { bubbles: true }));
  return true;
}
