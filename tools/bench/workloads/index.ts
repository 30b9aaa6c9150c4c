import type { Workload } from '../workload.js';
import { launchWorkload } from './w1-launch.js';
import { openLongWorkload } from './w2-open-long.js';
import { labelAddWorkload } from './w3-label-add.js';
import { durableSaveWorkload } from './w4-durable-save.js';
import { exportWorkload } from './w5-export.js';
import { quoteSearchWorkload } from './w6-quote-search.js';
import { reanchorWorkload } from './w7-reanchor.js';
import { teamSyncWorkload } from './w8-team-sync.js';
import { articleHistoryWorkload } from './w8-article-history.js';
import { agreementWorkload } from './w9-agreement.js';
import { curationWorkload } from './w9-curation.js';

/** Every workload, in docs/PERFORMANCE.md order. */
export const BENCH_WORKLOADS: readonly Workload[] = [launchWorkload, openLongWorkload, labelAddWorkload, durableSaveWorkload, exportWorkload, quoteSearchWorkload, reanchorWorkload, teamSyncWorkload, articleHistoryWorkload, agreementWorkload, curationWorkload];
