/** The deploy outcomes a message can tell, as `${{ job.status }}` spells the ones it shares. */
export const STATUSES = ['started', 'success', 'failure', 'cancelled', 'rolled-back'] as const;
export type DeployStatus = (typeof STATUSES)[number];

export interface StatusLook {
  /** A Slack emoji shortcode; renders in mrkdwn, plain_text (with `emoji: true`) and notifications. */
  emoji: string;
  /** The attachment's side bar, so the outcome reads before any word does. */
  color: string;
  label: string;
  /** The header's sentence for a repository (e.g. acme/shop) and, when known, an environment. */
  headline(what: string, env: string | undefined): string;
}

// Colours from Slack's own brand palette: blue, green, red, grey, yellow.
export const STATUS_LOOK: Record<DeployStatus, StatusLook> = {
  started: {
    emoji: ':rocket:',
    color: '#36C5F0',
    label: 'Started',
    headline: (what, env) => `Deploying ${what}${env ? ` to ${env}` : ''}`,
  },
  success: {
    emoji: ':white_check_mark:',
    color: '#2EB67D',
    label: 'Succeeded',
    headline: (what, env) => `Deployed ${what}${env ? ` to ${env}` : ''}`,
  },
  failure: {
    emoji: ':x:',
    color: '#E01E5A',
    label: 'Failed',
    headline: (what, env) => `Deploy of ${what}${env ? ` to ${env}` : ''} failed`,
  },
  cancelled: {
    emoji: ':no_entry_sign:',
    color: '#9E9EA6',
    label: 'Cancelled',
    headline: (what, env) => `Deploy of ${what}${env ? ` to ${env}` : ''} cancelled`,
  },
  'rolled-back': {
    emoji: ':rewind:',
    color: '#ECB22E',
    label: 'Rolled back',
    headline: (what, env) => `Rolled back ${what}${env ? ` on ${env}` : ''}`,
  },
};
