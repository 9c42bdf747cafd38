import type { App } from '@slack/bolt';
import type { SlackDeps } from '../answer-flow';
import * as actions from './actions';
import * as commands from './commands';
import * as events from './events';
import * as shortcuts from './shortcuts';
import * as views from './views';

/** Every listener, registered in one place. */
export function registerListeners(app: App, deps: SlackDeps): void {
  events.register(app, deps);
  commands.register(app, deps);
  actions.register(app, deps);
  shortcuts.register(app, deps);
  views.register(app, deps);
}
