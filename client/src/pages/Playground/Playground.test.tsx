import { fireEvent, screen } from '@solidjs/testing-library';
import { createSignal } from 'solid-js';
import { describe, expect, it, vi } from 'vitest';
import { renderWithI18n } from '../../test/render.tsx';
import type { ChatRun } from './chat-run.ts';
import { PlaygroundView, type PlaygroundViewProps } from './Playground.tsx';

const models: PlaygroundViewProps['models'] = [
  { name: 'smart', primary: { provider: 'openai', model: 'gpt-4o' }, fallbacks: [{ provider: 'anthropic', model: 'claude-sonnet' }] },
  { name: 'mock-small', primary: { provider: 'mock', model: 'mock-small' }, fallbacks: [] },
];

function renderView(over: Partial<PlaygroundViewProps> = {}) {
  const props: PlaygroundViewProps = {
    models,
    modelsError: undefined,
    onRetryModels: () => {},
    model: 'smart',
    onModel: () => {},
    system: '',
    onSystem: () => {},
    temperature: 0.7,
    onTemperature: () => {},
    maxTokens: '',
    maxTokensError: undefined,
    onMaxTokens: () => {},
    prompt: 'Hello',
    onPrompt: () => {},
    run: null,
    onSend: () => {},
    onStop: () => {},
    ...over,
  };
  return renderWithI18n(() => <PlaygroundView {...props} />);
}

describe('PlaygroundView', () => {
  it("shows the chosen model's route, primary then fallbacks", () => {
    renderView();
    const route = screen.getByTestId('model-route');
    expect(route.textContent).toBe('Primaryopenai · gpt-4oFallbackanthropic · claude-sonnet');
  });

  it('sends with the button or Ctrl+Enter, and not without a prompt', () => {
    const onSend = vi.fn();
    renderView({ onSend });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    fireEvent.keyDown(screen.getByPlaceholderText('Ask something…'), { key: 'Enter', ctrlKey: true });
    expect(onSend).toHaveBeenCalledTimes(2);
  });

  it('keeps Send disabled for an empty prompt', () => {
    renderView({ prompt: '  ' });
    expect((screen.getByRole('button', { name: 'Send' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('streams the answer with a Stop button, then shows how it ended', () => {
    const [run, setRun] = createSignal<ChatRun | null>({ status: 'streaming', text: 'You said: ' });
    const onStop = vi.fn();
    renderWithI18n(() => (
      <PlaygroundView
        models={models}
        modelsError={undefined}
        onRetryModels={() => {}}
        model="smart"
        onModel={() => {}}
        system=""
        onSystem={() => {}}
        temperature={0.7}
        onTemperature={() => {}}
        maxTokens="abc"
        maxTokensError="Enter a whole number of at least 1, or leave empty"
        onMaxTokens={() => {}}
        prompt="Hello"
        onPrompt={() => {}}
        run={run()}
        onSend={() => {}}
        onStop={onStop}
      />
    ));
    expect(screen.getByTestId('answer-text').textContent).toBe('You said: ');
    expect(screen.getByTestId('run-status').textContent).toBe('Streaming');
    expect(screen.queryByRole('button', { name: 'Send' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Stop' }));
    expect(onStop).toHaveBeenCalledOnce();

    setRun({ status: 'stopped', text: 'You said: ' });
    expect(screen.getByTestId('run-status').textContent).toBe('Stopped');
    expect(screen.getByText('You stopped the answer; the gateway cancelled the request upstream.')).toBeTruthy();
    // The invalid token cap keeps Send disabled and says why.
    expect((screen.getByRole('button', { name: 'Send' }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText('Enter a whole number of at least 1, or leave empty')).toBeTruthy();
  });

  it('attaches an image to the prompt and shows it until removed', () => {
    const onImage = vi.fn();
    const { unmount } = renderView({ onImage });
    const file = new File([new Uint8Array([137, 80, 78, 71])], 'chart.png', { type: 'image/png' });
    fireEvent.change(screen.getByTestId('attach-image'), { target: { files: [file] } });
    expect(onImage).toHaveBeenCalledWith(file);
    unmount();
    renderView({ onImage, image: { name: 'chart.png' } });
    expect(screen.getByTestId('attached-image').textContent).toContain('chart.png');
    fireEvent.click(screen.getByRole('button', { name: 'Remove image chart.png' }));
    expect(onImage).toHaveBeenLastCalledWith(null);
  });
});
