import type { CallBudget } from '../budget/call-budget';
import type { Metrics } from './metrics';

/** The budget, counted: every admission, every place in line handed out, every refusal. */
export function withBudgetMetrics(budget: CallBudget, metrics: Metrics): CallBudget {
  return {
    async admit(api, queueAs) {
      const admission = await budget.admit(api, queueAs);
      if (admission.admitted) metrics.budgetAdmission(api, 'admitted');
      else if (admission.position !== undefined) metrics.budgetAdmission(api, 'queued', admission.position);
      else metrics.budgetAdmission(api, 'refused');
      return admission;
    },
    async admitAhead(api, headroom) {
      const admission = await budget.admitAhead(api, headroom);
      metrics.budgetAdmission(api, admission.admitted ? 'admitted' : 'refused');
      return admission;
    },
    holdsPlace: (api, queueAs) => budget.holdsPlace(api, queueAs),
  };
}
