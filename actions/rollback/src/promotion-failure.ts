import { formatLimit } from '../../../packages/shared/src/duration.js';
import type { PromotionOutcome } from './wait.js';

/** The one- or two-line failure for a promotion that did not end with production serving the target; undefined when it did. */
export function promotionFailure(outcome: PromotionOutcome, targetId: string, timeoutMs: number): string | undefined {
  const aliases = 'aliases' in outcome && outcome.aliases.length > 0 ? `: ${outcome.aliases.join(', ')}` : '';
  switch (outcome.kind) {
    case 'serving':
      return undefined;
    case 'failed':
      return (
        `Vercel could not point every production domain at ${targetId} (the alias job failed${aliases}), so production may be split between deployments. ` +
        "Check the project's Settings → Domains, then run the rollback again or promote it from the dashboard."
      );
    case 'superseded':
      return `Vercel finished promoting ${targetId}, but production now serves ${outcome.servingId}: another deploy or promotion took over meanwhile. Check the project's Deployments page before rolling back again.`;
    case 'skipped':
      return `Vercel skipped the promotion of ${targetId} and production serves ${outcome.project.targets?.['production']?.id ?? 'another deployment'}. Run the rollback again, or promote it from the dashboard.`;
    case 'timeout':
      return (
        `Vercel accepted the promotion of ${targetId}, but production did not serve it within 'timeout' (${formatLimit(timeoutMs)}); the alias job is ${outcome.jobStatus ?? 'not started'}${aliases}. ` +
        "It may still finish: check with `vercel promote status`, or raise 'timeout' and run again."
      );
  }
}
