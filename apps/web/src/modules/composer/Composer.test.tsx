// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Composer } from './Composer';

interface TCall {
  url: string;
  method: string;
  body: unknown;
}

let calls: TCall[] = [];

beforeEach(() => {
  calls = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      if (url === '/api/internal/attachments') {
        const file = init.body as File;
        const headers = init.headers as Record<string, string>;
        calls.push({ url, method: init.method ?? 'GET', body: { name: file.name, headers } });
        if (file.name === 'broken.pdf') {
          return new Response(JSON.stringify({ errors: [{ code: 'invalid', detail: 'upload refused' }] }), {
            status: 400,
          });
        }
        const draft = { id: `draft-${file.name}`, filename: file.name, contentType: file.type, size: file.size };
        return new Response(JSON.stringify(draft), { status: 201 });
      }
      calls.push({ url, method: init.method ?? 'GET', body: init.body ? JSON.parse(String(init.body)) : undefined });
      return new Response(JSON.stringify({ itemId: 'new-item' }), { status: 201 });
    }),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function setup(props: Partial<Parameters<typeof Composer>[0]> = {}) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <Composer
        customerId="cu1"
        conversationId="conv1"
        reachableChannels={['SMS', 'EMAIL']}
        lastUsedChannel="SMS"
        conversationHasEmail={false}
        {...props}
      />
    </QueryClientProvider>,
  );
}

const flush = () => act(async () => await new Promise((r) => setTimeout(r, 0)));

describe('Composer', () => {
  it('masks card numbers before the reply leaves the browser, on the last used channel', async () => {
    setup();
    fireEvent.change(screen.getByTestId('composer-input'), {
      target: { value: 'Your card 4111 1111 1111 1111 is on file; call 415-555-2671' },
    });
    fireEvent.click(screen.getByTestId('composer-send'));
    await flush();
    expect(calls).toEqual([
      {
        url: '/api/internal/conversations/conv1/messages',
        method: 'POST',
        body: { channel: 'SMS', body: 'Your card ••••1111 is on file; call 415-555-2671' },
      },
    ]);
    expect(JSON.stringify(calls)).not.toContain('4111 1111');
    expect(screen.getByRole('status').textContent).toContain('card number was masked');
  });

  it('sends notes to the notes endpoint, masked and as HTML-escaped text', async () => {
    setup();
    fireEvent.click(screen.getByTestId('composer-mode-note'));
    fireEvent.change(screen.getByTestId('composer-input'), {
      target: { value: 'Paid with 5555-5555-5555-4444 <b>ok</b>' },
    });
    fireEvent.click(screen.getByTestId('composer-send'));
    await flush();
    expect(calls).toEqual([
      {
        url: '/api/v1/conversations/conv1/notes',
        method: 'POST',
        body: { body: 'Paid with ••••4444 &lt;b&gt;ok&lt;/b&gt;' },
      },
    ]);
  });

  it('asks for a subject when an email starts a thread, and masks it too', async () => {
    setup({ lastUsedChannel: 'EMAIL' });
    const send = screen.getByTestId('composer-send') as HTMLButtonElement;
    fireEvent.change(screen.getByTestId('composer-input'), { target: { value: 'Hello' } });
    expect(send.disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('Subject'), { target: { value: 'Card 378282246310005' } });
    expect(send.disabled).toBe(false);
    fireEvent.click(send);
    await flush();
    expect(calls[0]?.body).toEqual({ channel: 'EMAIL', body: 'Hello', subject: 'Card ••••0005' });
  });

  it('sends nothing when the text is blank or there is no conversation', async () => {
    setup({ conversationId: null });
    expect((screen.getByTestId('composer-input') as HTMLTextAreaElement).disabled).toBe(true);
    fireEvent.click(screen.getByTestId('composer-send'));
    await flush();
    expect(calls).toEqual([]);
  });

  it('offers only the reachable channels, defaulting to the last used one', () => {
    setup({ reachableChannels: ['CHAT_MESSAGE', 'SMS'], lastUsedChannel: 'SMS' });
    const select = screen.getByLabelText('Reply channel') as HTMLSelectElement;
    expect(select.value).toBe('SMS');
    expect([...select.options].map((o) => o.value)).toEqual(['CHAT_MESSAGE', 'SMS']);
  });

  it('uploads picked files as drafts, shows chips, and sends their ids with an email reply', async () => {
    setup({ lastUsedChannel: 'EMAIL', conversationHasEmail: true });
    const pdf = new File(['%PDF-1.4 label'], 'label é.pdf', { type: 'application/pdf' });
    const exe = new File(['MZ'], 'tool.exe', { type: 'application/x-msdownload' });
    fireEvent.change(screen.getByTestId('composer-file-input'), { target: { files: [pdf, exe] } });
    await flush();
    const chips = screen.getAllByTestId('composer-file');
    expect(chips.map((c) => c.getAttribute('data-state'))).toEqual(['ready', 'failed']);
    expect(chips[0]?.textContent).toContain('label é.pdf');
    expect(chips[1]?.textContent).toContain('cannot be attached');
    // Only the allowed file was uploaded, its name percent-encoded, with the CSRF header.
    expect(calls).toEqual([
      {
        url: '/api/internal/attachments',
        method: 'POST',
        body: {
          name: 'label é.pdf',
          headers: expect.objectContaining({
            'Content-Type': 'application/pdf',
            'X-Filename': 'label%20%C3%A9.pdf',
            'X-Requested-With': 'hearth',
          }),
        },
      },
    ]);
    fireEvent.click(screen.getByLabelText('Remove tool.exe'));
    fireEvent.change(screen.getByTestId('composer-input'), { target: { value: 'Card 4111 1111 1111 1111 label' } });
    fireEvent.click(screen.getByTestId('composer-send'));
    await flush();
    expect(calls[1]).toEqual({
      url: '/api/internal/conversations/conv1/messages',
      method: 'POST',
      body: { channel: 'EMAIL', body: 'Card ••••1111 label', attachmentIds: ['draft-label é.pdf'] },
    });
    expect(screen.queryAllByTestId('composer-file')).toEqual([]);
  });

  it('sends a note with files to the desktop notes route', async () => {
    setup();
    fireEvent.click(screen.getByTestId('composer-mode-note'));
    const png = new File([new Uint8Array([0x89, 0x50])], 'photo.png', { type: 'image/png' });
    const broken = new File(['x'], 'broken.pdf', { type: 'application/pdf' });
    fireEvent.change(screen.getByTestId('composer-file-input'), { target: { files: [png, broken] } });
    await flush();
    expect(screen.getAllByTestId('composer-file').map((c) => c.getAttribute('data-state'))).toEqual([
      'ready',
      'failed',
    ]);
    expect(screen.getAllByTestId('composer-file')[1]?.textContent).toContain('upload refused');
    fireEvent.change(screen.getByTestId('composer-input'), { target: { value: 'See photo' } });
    fireEvent.click(screen.getByTestId('composer-send'));
    await flush();
    expect(calls.at(-1)).toEqual({
      url: '/api/internal/conversations/conv1/notes',
      method: 'POST',
      body: { body: 'See photo', attachmentIds: ['draft-photo.png'] },
    });
  });

  it('does not send files on SMS: the attach button is off and a file already attached blocks Send', async () => {
    setup();
    expect((screen.getByTestId('composer-attach') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByTestId('composer-mode-note'));
    const pdf = new File(['%PDF'], 'a.pdf', { type: 'application/pdf' });
    fireEvent.change(screen.getByTestId('composer-file-input'), { target: { files: [pdf] } });
    await flush();
    fireEvent.click(screen.getByTestId('composer-mode-reply'));
    fireEvent.change(screen.getByTestId('composer-input'), { target: { value: 'Hi' } });
    expect((screen.getByTestId('composer-send') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText(/cannot carry files/)).toBeTruthy();
  });
});
