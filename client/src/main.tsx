import { render } from 'solid-js/web';
import './styles.css';
import { App } from './App.tsx';

// Unsubscribing aborts a subscription's fetch; urql then cancels the body reader without
// catching, which rejects with that same AbortError. The abort was ours: nothing to report.
window.addEventListener('unhandledrejection', (event) => {
  if (event.reason instanceof DOMException && event.reason.name === 'AbortError') event.preventDefault();
});

render(() => <App />, document.getElementById('root')!);
