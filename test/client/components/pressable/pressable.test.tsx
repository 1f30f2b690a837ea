import { fireEvent, render, screen } from '@testing-library/react';
import { pressable } from '../../../../client/src/components/pressable/pressable';
import { pressable as pressableH5 } from '../../../../client/src/components/pressable/pressable.h5';

/** A `<div>` standing for the `<div>` Taro's H5 `Button` renders, with the props spread the way our components do. */
function renderButton(onPress: (() => void) | undefined, disabled?: boolean) {
  render(<div {...pressableH5(onPress, { disabled })}>复制链接</div>);
  return screen.getByText('复制链接');
}

describe('pressable', () => {
  it('adds nothing in the mini program, where Button is a native button and there is no keyboard', () => {
    expect(pressable(() => undefined)).toEqual({});
    expect(pressable(() => undefined, { disabled: true })).toEqual({});
  });

  it('H5: a button in the Tab order, pressed by Enter and by Space', () => {
    const onPress = jest.fn();
    const button = renderButton(onPress);
    expect(screen.getByRole('button', { name: '复制链接' })).toBe(button);
    expect(button.tabIndex).toBe(0);
    expect(button.getAttribute('aria-disabled')).toBeNull();

    fireEvent.keyDown(button, { key: 'Enter' });
    expect(onPress).toHaveBeenCalledTimes(1);
    fireEvent.keyDown(button, { key: ' ' });
    expect(onPress).toHaveBeenCalledTimes(2);
  });

  it('H5: other keys and a held key do not press it; its keys stop there, and Space does not scroll the page', () => {
    const onPress = jest.fn();
    const outside = jest.fn();
    render(
      <div onKeyDown={outside}>
        <div {...pressableH5(onPress)}>复制链接</div>
      </div>,
    );
    const button = screen.getByRole('button');

    expect(fireEvent.keyDown(button, { key: 'a' })).toBe(true);
    expect(fireEvent.keyDown(button, { key: 'Tab' })).toBe(true);
    expect(outside).toHaveBeenCalledTimes(2);
    fireEvent.keyDown(button, { key: 'Enter', repeat: true });
    expect(onPress).not.toHaveBeenCalled();

    // `false`: the default action (scrolling, for Space) was prevented.
    expect(fireEvent.keyDown(button, { key: ' ' })).toBe(false);
    expect(onPress).toHaveBeenCalledTimes(1);
    expect(outside).toHaveBeenCalledTimes(2);
  });

  it('H5: a disabled one is announced disabled, leaves the Tab order and is never pressed', () => {
    const onPress = jest.fn();
    const button = renderButton(onPress, true);
    expect(button.getAttribute('role')).toBe('button');
    expect(button.getAttribute('aria-disabled')).toBe('true');
    expect(button.hasAttribute('tabindex')).toBe(false);

    fireEvent.keyDown(button, { key: 'Enter' });
    fireEvent.keyDown(button, { key: ' ' });
    expect(onPress).not.toHaveBeenCalled();
  });

  it('H5: without an action it is still a button, and a key does nothing', () => {
    const button = renderButton(undefined);
    expect(() => fireEvent.keyDown(button, { key: 'Enter' })).not.toThrow();
    expect(button.getAttribute('role')).toBe('button');
  });
});
