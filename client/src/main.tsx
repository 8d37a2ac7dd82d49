import { render } from 'solid-js/web';
import { App } from './App.tsx';
import './styles/tokens.css';
import './styles/base.css';
import './styles/controls.css';

// Unsubscribing aborts a subscription's fetch; urql then cancels the body reader without
// catching, which rejects with that same AbortError. The abort was ours: nothing to report.
window.addEventListener('unhandledrejection', (event) => {
  if (event.reason instanceof DOMException && event.reason.name === 'AbortError') event.preventDefault();
});

render(() => <App />, document.getElementById('root')!);
