// @vitest-environment happy-dom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ShortcutsHelp } from './ShortcutsHelp';
import { isTypingTarget, useShortcut } from './use-shortcut';

function press(target: EventTarget, key: string, init: KeyboardEventInit = {}) {
  act(() => {
    target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init }));
  });
}

function Probe({ onC, onSend, enabled = true }: { onC: () => void; onSend: () => void; enabled?: boolean }) {
  useShortcut('c', onC, { description: 'Close', scope: 'Conversation', enabled });
  useShortcut('mod+enter', onSend, { description: 'Send', scope: 'Composer' });
  return (
    <div>
      <input data-testid="field" />
      <textarea data-testid="area" />
      <input type="checkbox" data-testid="box" />
      <div contentEditable data-testid="editable" />
    </div>
  );
}

afterEach(cleanup);

describe('useShortcut in the DOM', () => {
  it('fires on the page, not while typing in a field; Mod+Enter fires in a field', () => {
    const onC = vi.fn();
    const onSend = vi.fn();
    render(<Probe onC={onC} onSend={onSend} />);
    press(document.body, 'c');
    expect(onC).toHaveBeenCalledTimes(1);
    press(screen.getByTestId('field'), 'c');
    press(screen.getByTestId('area'), 'c');
    expect(onC).toHaveBeenCalledTimes(1);
    press(screen.getByTestId('box'), 'c');
    expect(onC).toHaveBeenCalledTimes(2);
    press(screen.getByTestId('area'), 'Enter', { ctrlKey: true });
    expect(onSend).toHaveBeenCalledTimes(1);
  });

  it('prevents the browser default only when a shortcut handled the key', () => {
    render(<Probe onC={() => {}} onSend={() => {}} />);
    const handled = new KeyboardEvent('keydown', { key: 'c', bubbles: true, cancelable: true });
    const ignored = new KeyboardEvent('keydown', { key: 'x', bubbles: true, cancelable: true });
    act(() => {
      document.body.dispatchEvent(handled);
      document.body.dispatchEvent(ignored);
    });
    expect(handled.defaultPrevented).toBe(true);
    expect(ignored.defaultPrevented).toBe(false);
  });

  it('unregisters on unmount and when disabled', () => {
    const onC = vi.fn();
    const view = render(<Probe onC={onC} onSend={() => {}} enabled={false} />);
    press(document.body, 'c');
    expect(onC).not.toHaveBeenCalled();
    view.rerender(<Probe onC={onC} onSend={() => {}} />);
    press(document.body, 'c');
    expect(onC).toHaveBeenCalledTimes(1);
    view.unmount();
    press(document.body, 'c');
    expect(onC).toHaveBeenCalledTimes(1);
  });

  it('calls the latest handler without re-registering', () => {
    const first = vi.fn();
    const second = vi.fn();
    const view = render(<Probe onC={first} onSend={() => {}} />);
    view.rerender(<Probe onC={second} onSend={() => {}} />);
    press(document.body, 'c');
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);
  });
});

describe('isTypingTarget', () => {
  it.each([
    ['<input>', true],
    ['<input type="search">', true],
    ['<input type="checkbox">', false],
    ['<input type="button">', false],
    ['<textarea></textarea>', true],
    ['<select></select>', true],
    ['<button></button>', false],
    ['<div contenteditable="true"></div>', true],
    ['<div contenteditable="false"></div>', false],
    ['<div></div>', false],
  ])('%s → %s', (html, typing) => {
    const host = document.createElement('div');
    host.innerHTML = html;
    expect(isTypingTarget(host.firstElementChild)).toBe(typing);
  });

  it('treats text inside a contenteditable as typing', () => {
    const host = document.createElement('div');
    host.innerHTML = '<div contenteditable="true"><p><b>x</b></p></div>';
    expect(isTypingTarget(host.querySelector('b'))).toBe(true);
    expect(isTypingTarget(null)).toBe(false);
  });
});

describe('ShortcutsHelp', () => {
  it('opens on ?, lists shortcuts grouped by scope, and closes on Escape', () => {
    render(
      <>
        <Probe onC={() => {}} onSend={() => {}} />
        <ShortcutsHelp />
      </>,
    );
    expect(screen.queryByTestId('shortcuts-help')).toBeNull();
    press(document.body, '?', { shiftKey: true });
    const help = screen.getByTestId('shortcuts-help');
    expect(help.textContent).toContain('Conversation');
    expect(help.textContent).toContain('Close');
    expect(help.textContent).toContain('Composer');
    expect(help.textContent).toContain('Show keyboard shortcuts');
    press(document.body, 'Escape');
    expect(screen.queryByTestId('shortcuts-help')).toBeNull();
  });
});
