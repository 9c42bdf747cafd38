/**
 * Customer signals and conversations: what the detector found in each text, the channels linked to
 * accounts and their messages, the history back-fill's progress.
 *
 * Commands, jobs and Slack surfaces write (and read back what they wrote) through records/, never
 * through store/repositories (DESIGN §14); business facts are read through facts/.
 */

export {
  type BackfillState,
  type CustomerChannel,
  type CustomerMessage,
  channelsToBackfill,
  deleteMessage,
  type LinkedVia,
  linkChannel,
  purgeChannelMessages,
  purgeMessagesBefore,
  recordBackfill,
  saveMessages,
  unlinkChannel,
} from '../store/repositories/customer-channels.ts';
export { forgetTexts, saveSignals } from '../store/repositories/customer-signals.ts';
