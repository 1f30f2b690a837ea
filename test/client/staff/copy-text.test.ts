import { copyText } from '../../../client/src/staff/components/copy-text';

describe('copying a link', () => {
  const original = { clipboard: navigator.clipboard, secure: window.isSecureContext };
  const setClipboard = (clipboard: unknown, secure: boolean) => {
    Object.defineProperty(navigator, 'clipboard', { value: clipboard, configurable: true });
    Object.defineProperty(window, 'isSecureContext', { value: secure, configurable: true });
  };
  // jsdom has no execCommand: each test says what the old way answers.
  const execCommand = jest.fn<boolean, [string]>();
  beforeEach(() => {
    execCommand.mockReset();
    Object.defineProperty(document, 'execCommand', { value: execCommand, configurable: true });
  });
  afterAll(() => setClipboard(original.clipboard, original.secure));

  it('uses the Clipboard API where the page may', async () => {
    const writeText = jest.fn(() => Promise.resolve());
    setClipboard({ writeText }, true);
    await expect(copyText('https://live.example.com/live/lv1')).resolves.toBe(true);
    expect(writeText).toHaveBeenCalledWith('https://live.example.com/live/lv1');
    expect(execCommand).not.toHaveBeenCalled();
  });

  it.each([
    ['the Clipboard API refuses', { writeText: () => Promise.reject(new Error('NotAllowedError')) }, true],
    ['the page is not a secure context', { writeText: jest.fn() }, false],
    ['there is no Clipboard API', undefined, true],
  ])('falls back to a selected textarea when %s', async (_case, clipboard, secure) => {
    setClipboard(clipboard, secure);
    let copied = '';
    execCommand.mockImplementation(() => {
      copied = (document.activeElement as HTMLTextAreaElement | null)?.value ?? '';
      return true;
    });
    await expect(copyText('https://live.example.com/live/lv1?from=a')).resolves.toBe(true);
    expect(execCommand).toHaveBeenCalledWith('copy');
    expect(copied).toBe('https://live.example.com/live/lv1?from=a');
    expect(document.querySelector('textarea')).toBeNull();
  });

  it('says so when neither way works', async () => {
    setClipboard(undefined, false);
    execCommand.mockReturnValue(false);
    await expect(copyText('x')).resolves.toBe(false);
  });
});
